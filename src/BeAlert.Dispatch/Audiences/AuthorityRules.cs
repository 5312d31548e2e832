using System.Globalization;
using BeAlert.Cap.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Dispatch;

/// <summary>
/// Checks an audience and channels against what an operator may reach, returning every violation (never throwing
/// for a violation), so the operator sees all that must change at once.
/// </summary>
/// <remarks>
/// The rules (BE-Alert's agreements): a group-alerting (type 2) operator reaches only the members of groups and lists
/// it owns, not places, and uses no population channel (cell broadcast, signage); every operator that is not national
/// uses only groups and lists it owns; cell broadcast (location-based SMS) needs the training right; places
/// (areas, municipalities, streets, area groups) must lie in the operator's own municipalities or, under ad-hoc
/// cooperation, in municipalities sharing a border with one of them; "everyone" is for national operators only.
/// An area is in a municipality when their interiors overlap (touching the border is not enough), as
/// <see cref="BelgianBoundaries.FindAffectedMunicipalities"/> decides. Thread-safe.
/// </remarks>
public sealed class AuthorityRules
{
    private readonly BelgianBoundaries _boundaries;

    /// <summary>Creates the rules over a boundary data set.</summary>
    /// <param name="boundaries">Municipalities and their neighbours; <see cref="BelgianBoundaries.Default"/> when <see langword="null"/>.</param>
    public AuthorityRules(BelgianBoundaries? boundaries = null) => _boundaries = boundaries ?? BelgianBoundaries.Default;

    /// <summary>Checks an audience.</summary>
    /// <param name="spec">The audience.</param>
    /// <param name="channels">The campaign's channels.</param>
    /// <param name="authority">The operator.</param>
    /// <returns>Every violation; empty when the operator may send.</returns>
    public IReadOnlyList<AuthorityViolation> Check(AudienceSpec spec, DeliveryChannels channels, OperatorAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(authority);
        var violations = new List<AuthorityViolation>();
        var groupOnly = authority.Agreement == AgreementType.GroupAlerting;

        if (groupOnly)
        {
            if ((channels & (DeliveryChannels.CellBroadcast | DeliveryChannels.Signage)) != 0)
            {
                violations.Add(new(AuthorityViolationCode.GroupAlertingOnly, "A group-alerting (type 2) agreement does not include cell broadcast or signage; only SMS, voice and e-mail to your groups."));
            }

            if (spec.IsLocationBased)
            {
                violations.Add(new(AuthorityViolationCode.GroupAlertingOnly, "A group-alerting (type 2) agreement reaches the members of your own groups and lists only, not areas, municipalities, streets, area groups or everyone."));
            }
        }
        else if (channels.Includes(DeliveryChannel.CellBroadcast) && !authority.IsTrained)
        {
            violations.Add(new(AuthorityViolationCode.NotTrained, "Location-based SMS (cell broadcast) is available after the training; ask for it, or send by SMS, voice and e-mail to subscribers."));
        }

        if (!authority.IsNational)
        {
            foreach (var group in spec.Groups)
            {
                if (!string.Equals(group.OwnerId, authority.OperatorId, StringComparison.Ordinal))
                {
                    violations.Add(new(AuthorityViolationCode.NotOwnGroup, $"The {group} belongs to another operator; you can alert only your own groups."));
                }
            }

            foreach (var list in spec.Lists)
            {
                if (!string.Equals(list.OwnerId, authority.OperatorId, StringComparison.Ordinal))
                {
                    violations.Add(new(AuthorityViolationCode.NotOwnList, $"The {list} belongs to another operator; you can alert only lists you imported."));
                }
            }
        }

        if (groupOnly || authority.IsNational)
        {
            return violations;
        }

        if (spec.Everyone)
        {
            violations.Add(new(AuthorityViolationCode.NationalOnly, "Alerting everyone in the country is for national operators only; choose your municipalities or draw an area."));
        }

        var territory = new Territory(_boundaries, authority);
        foreach (var nis in spec.Municipalities.Concat(spec.Streets.Select(s => s.MunicipalityNis)).Distinct())
        {
            territory.CheckMunicipality(nis, "The audience", violations);
        }

        for (var a = 0; a < spec.Areas.Count; a++)
        {
            territory.CheckArea(spec.Areas[a], $"Area {a + 1}", violations);
        }

        foreach (var group in spec.Groups)
        {
            if (group.Area is { } area)
            {
                territory.CheckArea(area, $"The area of {group}", violations);
            }
        }

        return violations;
    }

    private sealed class Territory
    {
        private readonly BelgianBoundaries _boundaries;
        private readonly OperatorAuthority _authority;
        private readonly HashSet<string> _own;
        private readonly HashSet<string> _neighbours;

        public Territory(BelgianBoundaries boundaries, OperatorAuthority authority)
        {
            _boundaries = boundaries;
            _authority = authority;
            _own = [.. authority.OwnMunicipalities.Select(n => n.ToString("D5", CultureInfo.InvariantCulture))];
            _neighbours = [];
            foreach (var code in _own)
            {
                if (boundaries.TryFind(code, out var unit) && unit.Level == AdministrativeLevel.Municipality)
                {
                    _neighbours.UnionWith(boundaries.GetAdjacentMunicipalities(unit).Select(u => u.Code));
                }
            }

            _neighbours.ExceptWith(_own);
        }

        public void CheckMunicipality(int nis, string what, List<AuthorityViolation> violations)
        {
            var code = nis.ToString("D5", CultureInfo.InvariantCulture);
            if (!_boundaries.TryFind(code, out var unit) || unit.Level != AdministrativeLevel.Municipality)
            {
                violations.Add(new(AuthorityViolationCode.UnknownMunicipality, $"{what} names NIS code {nis}, which is not a Belgian municipality."));
                return;
            }

            Check(unit, what, violations);
        }

        public void CheckArea(Geometry area, string what, List<AuthorityViolation> violations)
        {
            foreach (var unit in Affected(area))
            {
                Check(unit, what, violations);
            }
        }

        private void Check(AdministrativeUnit unit, string what, List<AuthorityViolation> violations)
        {
            if (_own.Contains(unit.Code))
            {
                return;
            }

            if (_neighbours.Contains(unit.Code))
            {
                if (!_authority.AllowsAdHocCooperation)
                {
                    violations.Add(new(AuthorityViolationCode.NeighbourWithoutCooperation, $"{what} reaches {unit}, a neighbouring municipality, but your account has no ad-hoc cooperation."));
                }

                return;
            }

            violations.Add(new(AuthorityViolationCode.OutsideTerritory, $"{what} reaches {unit}, which is neither your own municipality nor one sharing a border with it."));
        }

        /// <summary>The municipalities whose interior an area's polygons overlap.</summary>
        private IEnumerable<AdministrativeUnit> Affected(Geometry area)
        {
            if (area.IsEmpty || area.Dimension != Dimension.Surface)
            {
                yield break;
            }

            var prepared = PreparedGeometryFactory.Prepare(area);
            var envelope = area.EnvelopeInternal;
            foreach (var unit in _boundaries.Municipalities)
            {
                var boundary = unit.GetGeometry();
                if (!envelope.Intersects(boundary.EnvelopeInternal) || !prepared.Intersects(boundary))
                {
                    continue;
                }

                if (area.Relate(boundary, "T********"))
                {
                    yield return unit;
                }
            }
        }
    }
}
