using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Simulators.P21.Auth;

/// <summary>
/// Issues JWT-shaped bearer tokens (iss <c>P21.Soa</c>, <c>P21.SessionId</c>) and remembers them, with the API user each was issued to,
/// until they expire or are revoked.
/// </summary>
public sealed class P21TokenIssuer(TimeProvider time)
{
    sealed record Issued(string Subject, DateTimeOffset Expires);

    readonly ConcurrentDictionary<string, Issued> _tokens = new();
    readonly Lock _issuing = new();
    int _issued;

    /// <summary>How many tokens were issued since start: lets a test see whether a client caches its token.</summary>
    public int IssuedCount => Volatile.Read(ref _issued);

    /// <param name="subject">The API user (or P21's install user for a consumer key without one).</param>
    /// <param name="lifetime">How long the token lives.</param>
    /// <param name="revokePrevious">End the user's earlier sessions: their tokens answer 401 from now on (other users' stay valid).</param>
    public (string Token, string SessionId) Issue(string subject, TimeSpan lifetime, bool revokePrevious)
    {
        var now = time.GetUtcNow();
        var sessionId = Guid.NewGuid().ToString();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64Url(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = "P21.Soa", ["sub"] = subject, ["aud"] = "", ["P21.SessionId"] = sessionId,
            ["nbf"] = now.ToUnixTimeSeconds(), ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        }));
        var token = $"{header}.{payload}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        // P21 may end the user's earlier sessions when a new token is requested (docs/external-apis/p21.md#tokens).
        lock (_issuing)
        {
            if (revokePrevious)
                foreach (var earlier in _tokens.Where(t => t.Value.Subject == subject).Select(t => t.Key).ToList())
                    _tokens.TryRemove(earlier, out _);
            _tokens[token] = new Issued(subject, now + lifetime);
        }
        Interlocked.Increment(ref _issued);
        return (token, sessionId);
    }

    public bool IsValid(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = authorization["Bearer ".Length..].Trim();
        return _tokens.TryGetValue(token, out var issued) && time.GetUtcNow() < issued.Expires;
    }

    /// <summary>Tokens issued and neither expired nor revoked.</summary>
    public int LiveCount
    {
        get
        {
            var now = time.GetUtcNow();
            return _tokens.Count(t => now < t.Value.Expires);
        }
    }

    /// <summary>Every token issued so far now fails with 401, as after a P21 middleware restart or expiry; returns how many were live.</summary>
    public int RevokeAll()
    {
        var live = LiveCount;
        _tokens.Clear();
        return live;
    }

    static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));
    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
