namespace BeAlert.Dispatch;

/// <summary>
/// Turns an audience into a campaign's plan and writes it to the store in batches, before anything is sent.
/// </summary>
/// <remarks>
/// Fairness is decided here, in the order of the sequence numbers: members are grouped in lanes by language and, within
/// a language, by municipality; the plan then takes one member from each language in turn, and within a language from
/// each municipality in turn. An audience sorted by municipality (hence by language in Belgium) therefore still goes
/// out with every language and area interleaved from the first second. The cost is holding the audience (one
/// <see cref="AudienceMember"/>, about 48 bytes, per person) while planning.
/// Zone deliveries (cell broadcast) come first: one per zone and language.
/// </remarks>
internal static class CampaignPlanner
{
    /// <summary>Which of <paramref name="channels"/> reach <paramref name="member"/> (SMS and voice need a phone, e-mail an address).</summary>
    public static DeliveryChannels ChannelsFor(in AudienceMember member, DeliveryChannels channels)
    {
        var set = member.Channels & channels & ~DeliveryChannels.CellBroadcast;
        if (string.IsNullOrEmpty(member.Phone))
        {
            set &= ~(DeliveryChannels.Sms | DeliveryChannels.Voice);
        }

        if (string.IsNullOrEmpty(member.Email))
        {
            set &= ~DeliveryChannels.Email;
        }

        return set;
    }

    public static IReadOnlyList<string> ZoneLanguages(CampaignRequest request)
    {
        if (request.CellBroadcastLanguages.Count > 0)
        {
            return request.CellBroadcastLanguages;
        }

        var languages = new List<string>();
        foreach (var info in request.Alert.Infos)
        {
            var language = info.EffectiveLanguage;
            if (!languages.Contains(language, StringComparer.OrdinalIgnoreCase))
            {
                languages.Add(language);
            }
        }

        return languages.Count > 0 ? languages : ["en-US"];
    }

    /// <summary>Groups the audience in lanes; throws <see cref="ArgumentException"/> past the size limit or on a bad member.</summary>
    public static List<LanguageLanes> Group(IEnumerable<AudienceMember> audience, DeliveryChannels channels, long maxAudience, CancellationToken cancellationToken)
    {
        var languages = new List<LanguageLanes>();
        var byLanguage = new Dictionary<string, LanguageLanes>(StringComparer.Ordinal);
        long count = 0;
        foreach (var member in audience)
        {
            if (++count > maxAudience)
            {
                throw new ArgumentException($"The audience has more than {maxAudience} members (DispatchOptions.MaxAudienceSize).", nameof(audience));
            }

            if ((count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (ChannelsFor(member, channels) == DeliveryChannels.None)
            {
                continue;
            }

            var language = member.Language ?? string.Empty;
            if (!byLanguage.TryGetValue(language, out var lanes))
            {
                lanes = new LanguageLanes();
                byLanguage.Add(language, lanes);
                languages.Add(lanes);
            }

            lanes.Add(ReferenceEquals(member.Language, language) ? member : member with { Language = language });
        }

        return languages;
    }

    /// <summary>Yields the members in the interleaved order (each member once).</summary>
    public static IEnumerable<AudienceMember> Interleave(List<LanguageLanes> languages)
    {
        var active = new List<LanguageLanes>(languages);
        while (active.Count > 0)
        {
            for (var i = 0; i < active.Count;)
            {
                if (active[i].TryTake(out var member))
                {
                    yield return member;
                    i++;
                }
                else
                {
                    active.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>The members of one language, in lanes per municipality, taken one lane after the other.</summary>
    internal sealed class LanguageLanes
    {
        private readonly Dictionary<int, int> _laneOf = [];
        private readonly List<Lane> _lanes = [];
        private int _next;

        public void Add(in AudienceMember member)
        {
            if (!_laneOf.TryGetValue(member.MunicipalityNis, out var index))
            {
                index = _lanes.Count;
                _laneOf.Add(member.MunicipalityNis, index);
                _lanes.Add(new Lane());
            }

            _lanes[index].Add(member);
        }

        public bool TryTake(out AudienceMember member)
        {
            while (_lanes.Count > 0)
            {
                if (_next >= _lanes.Count)
                {
                    _next = 0;
                }

                if (_lanes[_next].TryTake(out member))
                {
                    _next++;
                    return true;
                }

                // Exhausted: drop it (order of the others is kept).
                _lanes.RemoveAt(_next);
            }

            member = default;
            return false;
        }

        /// <summary>
        /// One municipality's members in blocks that never move once written (a growing list would copy every member
        /// at each doubling, millions of times over for a national audience); a block is dropped once read.
        /// </summary>
        private sealed class Lane
        {
            private const int FirstBlock = 16;
            private const int MaxBlock = 1024; // 48 KiB: stays off the large object heap
            private readonly Queue<AudienceMember[]> _full = new();
            private AudienceMember[] _tail = new AudienceMember[FirstBlock];
            private int _tailCount;
            private AudienceMember[]? _head;
            private int _headRead;

            public void Add(in AudienceMember member)
            {
                if (_tailCount == _tail.Length)
                {
                    _full.Enqueue(_tail);
                    _tail = new AudienceMember[Math.Min(_tail.Length * 2, MaxBlock)];
                    _tailCount = 0;
                }

                _tail[_tailCount++] = member;
            }

            public bool TryTake(out AudienceMember member)
            {
                while (true)
                {
                    if (_head is not null)
                    {
                        var inTail = ReferenceEquals(_head, _tail);
                        if (_headRead < (inTail ? _tailCount : _head.Length))
                        {
                            member = _head[_headRead++];
                            return true;
                        }

                        if (inTail)
                        {
                            member = default;
                            return false;
                        }
                    }

                    // Next full block, else the tail, read in place (nothing is added once taking starts).
                    _head = _full.TryDequeue(out var next) ? next : _tail;
                    _headRead = 0;
                }
            }
        }
    }
}
