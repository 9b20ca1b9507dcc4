using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payments.Simulators.P21.Auth;

/// <summary>Issues JWT-shaped bearer tokens (iss <c>P21.Soa</c>, <c>P21.SessionId</c>) and remembers them until they expire or are revoked.</summary>
public sealed class P21TokenIssuer(TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    int _issued;

    /// <summary>How many tokens were issued since start: lets a test see whether a client caches its token.</summary>
    public int IssuedCount => Volatile.Read(ref _issued);

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
        // P21 may end earlier sessions when a new token is requested (docs/external-apis/p21.md#tokens).
        if (revokePrevious) _tokens.Clear();
        _tokens[token] = now + lifetime;
        Interlocked.Increment(ref _issued);
        return (token, sessionId);
    }

    public bool IsValid(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = authorization["Bearer ".Length..].Trim();
        return _tokens.TryGetValue(token, out var expires) && time.GetUtcNow() < expires;
    }

    /// <summary>Tokens issued and neither expired nor revoked.</summary>
    public int LiveCount
    {
        get
        {
            var now = time.GetUtcNow();
            return _tokens.Count(t => now < t.Value);
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
