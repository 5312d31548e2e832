using System.Diagnostics;
using System.Net.Sockets;
using System.Numerics;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Receive coalescing for one session's reader thread, the way a network card moderates its interrupts: at high rates
/// the socket's receive low-water mark (SO_RCVLOWAT) is raised so that poll(2) wakes the reader once per batch of
/// responses, not once for every response the SMSC writes on its own. On a virtual machine a wake-up (a context
/// switch, often an idle vCPU woken by an interrupt) costs more than the response it brings: at 40,000 submit_sm/s a
/// wake-up per one or two responses was most of the client's CPU time (docs/architecture.md, "SMPP client: receive
/// coalescing").
/// <para>
/// The batch is what arrives in an eighth of <see cref="SmppOptions.ReceiveCoalescingDelay"/> at the rate measured
/// over the last milliseconds, rounded down to a power of two, at most 64, and at most a quarter of the responses
/// owed, so the SMSC always keeps three quarters of the window to work on. It is counted at 16 octets a response, the
/// size of a PDU header: every response is at least that long, so the mark never asks for more than is owed. At low
/// rates (fewer than two responses per eighth of the delay) the mark is one octet and nothing waits; at 40,000
/// responses/s and the default 4 ms, a wake-up takes sixteen. A poll with a raised mark waits at most the whole delay;
/// when it passes (the SMSC slowed down, or dropped requests that will time out), the next poll is at one octet and
/// reads whatever arrived.
/// </para>
/// <para>
/// An SMSC that leaves Nagle's algorithm on sends one small response and holds the next ones until it is acknowledged,
/// and the kernel delays that acknowledgement (40 ms or more) while the data waits below the mark unread: every batch
/// would then end on the delay. So when more than a quarter of the raised polls of a session end on the delay (counted
/// from 32 such polls on), coalescing is turned off for the rest of the session (<see cref="TurnedOff"/>). The delay
/// is at most 20 ms, well below the kernel's acknowledgement delay, so such a stall always ends on our side first.
/// </para>
/// <para>Used by the reader thread only. A platform that refuses SO_RCVLOWAT turns coalescing off for the session.</para>
/// </summary>
internal sealed class SmppReceiveCoalescing
{
    /// <summary>The most responses one wake-up waits for.</summary>
    internal const int MaxBatch = 64;

    /// <summary>How many raised polls are counted before the share that ended on the delay is judged.</summary>
    internal const int JudgedAfter = 32;

    private readonly Socket _socket;
    private readonly double _batchSeconds;
    private readonly long _rateWindowTicks = Stopwatch.Frequency / 1000;
    private bool _enabled;
    private int _lowWater = 1;
    private long _timeouts;
    private int _raisedPolls;
    private int _raisedTimeouts;
    private double _ratePerSecond;
    private long _windowStart;
    private int _windowCount;
    private bool _afterTimeout;
    private volatile bool _turnedOff;

    /// <summary>Creates the coalescing of one session.</summary>
    /// <param name="socket">The session's socket.</param>
    /// <param name="delay">The longest a response may wait for its batch; zero turns coalescing off.</param>
    internal SmppReceiveCoalescing(Socket socket, TimeSpan delay)
    {
        _socket = socket;
        _enabled = delay > TimeSpan.Zero;
        _batchSeconds = delay.TotalSeconds / 8;
        DelayMicroseconds = Math.Max(1, (int)delay.TotalMicroseconds);
        _windowStart = Stopwatch.GetTimestamp();
    }

    /// <summary>How long a poll with a raised mark waits at most.</summary>
    internal int DelayMicroseconds { get; }

    /// <summary>The low-water mark in force, in octets (1 when nothing waits).</summary>
    internal int LowWater => _lowWater;

    /// <summary>How many polls ended on the coalescing delay with a raised mark.</summary>
    internal long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Whether coalescing was turned off for this session because its batches kept ending on the delay.</summary>
    internal bool TurnedOff => _turnedOff;

    /// <summary>The measured arrival rate, PDUs per second.</summary>
    internal double RatePerSecond => _ratePerSecond;

    /// <summary>The low-water mark, in octets, for <paramref name="expected"/> PDUs per batch and <paramref name="outstanding"/> responses owed.</summary>
    internal static int MarkFor(double expected, int outstanding)
    {
        var batch = (int)Math.Min(Math.Min(expected, outstanding / 4), MaxBatch);
        return batch < 2 ? 1 : (1 << BitOperations.Log2((uint)batch)) * SmppPduHeader.Size;
    }

    /// <summary>Sets the mark before a poll, for the responses now owed; returns it.</summary>
    internal int Before(int outstanding)
    {
        if (_afterTimeout)
        {
            _afterTimeout = false; // One poll at one octet: what arrived below the mark is read now.
        }
        else if (_enabled)
        {
            Set(MarkFor(_ratePerSecond * _batchSeconds, outstanding));
            if (_lowWater > 1 && ++_raisedPolls >= 1024)
            {
                _raisedPolls /= 2; // The share is judged over the last thousand or so raised polls.
                _raisedTimeouts /= 2;
            }
        }

        return _lowWater;
    }

    /// <summary>After a read: <paramref name="pdus"/> PDUs were handled; updates the measured rate.</summary>
    internal void Received(int pdus)
    {
        if (!_enabled)
        {
            return;
        }

        _windowCount += pdus;
        var now = Stopwatch.GetTimestamp();
        var elapsed = now - _windowStart;
        if (elapsed >= _rateWindowTicks)
        {
            var rate = _windowCount * (double)Stopwatch.Frequency / elapsed;

            // Half the weight to the newest window: a change of pace is followed within a few milliseconds.
            _ratePerSecond = elapsed > 100 * _rateWindowTicks ? rate : (_ratePerSecond + rate) / 2;
            _windowStart = now;
            _windowCount = 0;
        }
    }

    /// <summary>A poll ended without data: with a raised mark, the next poll takes what is there.</summary>
    internal void TimedOut()
    {
        if (_lowWater <= 1)
        {
            return;
        }

        Interlocked.Increment(ref _timeouts);
        _ratePerSecond /= 2;
        _afterTimeout = true;
        _raisedTimeouts++;
        if (_raisedPolls >= JudgedAfter && _raisedTimeouts * 4 > _raisedPolls)
        {
            _enabled = false;
            _turnedOff = true;
        }

        Set(1);
    }

    private void Set(int mark)
    {
        if (mark == _lowWater)
        {
            return;
        }

        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, mark);
            _lowWater = mark;
        }
        catch (SocketException) when (mark > 1)
        {
            _enabled = false; // Not supported here: every byte wakes the reader, as without coalescing.
        }
    }
}
