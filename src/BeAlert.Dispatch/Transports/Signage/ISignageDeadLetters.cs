namespace BeAlert.Dispatch;

/// <summary>
/// Where failed signage pushes go. The in-memory <see cref="InMemorySignageDeadLetters"/> is the reference; a host can
/// persist them instead. Implementations are thread-safe.
/// </summary>
public interface ISignageDeadLetters
{
    /// <summary>Adds a dead letter, or replaces the one with the same <see cref="SignageDeadLetter.Id"/>.</summary>
    /// <param name="letter">The dead letter.</param>
    /// <param name="cancellationToken">Stops the save.</param>
    /// <returns>A task that completes when it is saved.</returns>
    ValueTask SaveAsync(SignageDeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Lists the dead letters, oldest failure first.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>A snapshot.</returns>
    ValueTask<IReadOnlyList<SignageDeadLetter>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Finds one dead letter.</summary>
    /// <param name="id">Its identity.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The dead letter, or <see langword="null"/> when there is none with that identity.</returns>
    ValueTask<SignageDeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Removes a dead letter (an operator dismissed it, or a retry succeeded).</summary>
    /// <param name="id">Its identity.</param>
    /// <param name="cancellationToken">Stops the removal.</param>
    /// <returns>Whether there was one to remove.</returns>
    ValueTask<bool> DismissAsync(Guid id, CancellationToken cancellationToken);
}
