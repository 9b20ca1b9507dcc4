using System.Text.RegularExpressions;

namespace Payments.Simulators.Shared.Faults;

/// <summary>
/// When a <see cref="Fault"/> strikes: the calls of a route (by route name, e.g. <c>Transaction</c>, or by path pattern, e.g.
/// <c>/v1/charges/*</c> or <c>/v1/charges/{id}</c>), optionally of one method, the next <see cref="Times"/> of them after letting
/// <see cref="After"/> pass.
/// </summary>
public sealed record FaultRule
{
    /// <summary>A route name (case-insensitive), or a path pattern: <c>*</c> matches any characters, <c>{name}</c> one path segment. <c>*</c> alone: every call.</summary>
    public string Route { get; init; } = "*";

    /// <summary>Only calls with this HTTP method; null: any.</summary>
    public string? Method { get; init; }

    /// <summary>How many consecutive matching calls get the fault.</summary>
    public int Times { get; init; } = 1;

    /// <summary>How many matching calls pass untouched first (e.g. to hit a read-back after a create).</summary>
    public int After { get; init; }

    public required Fault Fault { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Route)) throw new ArgumentException("A fault rule needs a route name or path pattern ('*' for every call).");
        if (Times < 1) throw new ArgumentOutOfRangeException(nameof(Times), Times, "A fault rule must strike at least once.");
        if (After < 0) throw new ArgumentOutOfRangeException(nameof(After), After, "After cannot be negative.");
        if (Fault.Status is < 100 or > 599) throw new ArgumentOutOfRangeException(nameof(Fault.Status), Fault.Status, "Status must be an HTTP status code (100-599).");
        if (Fault.Delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Fault.Delay), Fault.Delay, "Delay cannot be negative.");
    }

    internal bool Matches(string method, string path, string? routeName)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (Route == "*") return true;
        if (routeName is not null && string.Equals(Route, routeName, StringComparison.OrdinalIgnoreCase)) return true;
        return Route.StartsWith('/') && PathPattern(Route).IsMatch(path);
    }

    static Regex PathPattern(string pattern)
    {
        var regex = "^" + Regex.Replace(Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal), @"\\\{[^}]*}", "[^/]+") + "/?$";
        return new Regex(regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
