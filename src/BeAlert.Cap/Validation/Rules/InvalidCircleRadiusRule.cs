namespace BeAlert.Cap;

/// <summary>CAP0606 (CAP 1.2 §3.2.4 circle, radius in kilometres): a negative or non-finite radius.</summary>
internal sealed class InvalidCircleRadiusRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var areas = infos[i].Areas;
            for (var a = 0; a < areas.Count; a++)
            {
                var circles = areas[a].Circles;
                for (var c = 0; c < circles.Count; c++)
                {
                    var circle = circles[c];
                    var radius = circle.RadiusKm;
                    if (!double.IsFinite(radius) || radius < 0)
                    {
                        context.Report(
                            CapDiagnosticCodes.InvalidCircleRadius,
                            $"<circle> has radius {CapNumber.Format(radius)}: the radius is a distance in kilometres, zero or more (0 denotes a point).",
                            CapPath.Indexed(CapPath.Area(i, a), "circle", c),
                            circle);
                    }
                }
            }
        }
    }
}
