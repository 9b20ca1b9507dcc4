using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.ServiceDefaults.Failures;

namespace Payments.P21Service.Client;

/// <summary>
/// Holds one P21 bearer token and renews it shortly before it expires. One token is shared by every call: each token request opens a
/// new P21 middleware session and may end earlier ones (docs/external-apis/p21.md#tokens).
/// </summary>
public sealed class P21TokenProvider(IP21TokenApi api, IOptions<P21Options> options, TimeProvider time, ILogger<P21TokenProvider> logger)
{
    sealed record CachedToken(string Value, DateTimeOffset RenewAt);

    readonly SemaphoreSlim _gate = new(1, 1);
    CachedToken? _current;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } cached && time.GetUtcNow() < cached.RenewAt) return cached.Value;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && time.GetUtcNow() < again.RenewAt) return again.Value;
            var issued = await IssueAsync(cancellationToken);
            Volatile.Write(ref _current, issued);
            return issued.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> after P21 refused it, unless another call already replaced it.</summary>
    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref _current);
        if (current?.Value == token) Interlocked.CompareExchange(ref _current, null, current);
    }

    async Task<CachedToken> IssueAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var request = string.IsNullOrWhiteSpace(o.ClientSecret)
            ? new TokenRequest { Username = o.Username, Password = o.Password }
            : new TokenRequest { ClientSecret = o.ClientSecret, GrantType = "client_credentials", Username = string.IsNullOrWhiteSpace(o.Username) ? null : o.Username };

        using var response = await api.IssueTokenAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
            throw new PermanentFailureException($"P21 refused the API credentials (token request answered {(int)response.StatusCode}). Check P21:Username/Password or P21:ClientSecret.", "P21");
        if (!response.IsSuccessStatusCode)
            throw new TransientFailureException($"P21 token request answered {(int)response.StatusCode}.", P21Failures.RetryAfter(response.Headers.RetryAfter, time));

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (token, lifetimeSeconds) = Parse(body);
        if (string.IsNullOrWhiteSpace(token))
            throw new PermanentFailureException("P21 token reply carried no AccessToken.", "P21");

        var lifetime = TimeSpan.FromSeconds(lifetimeSeconds ?? TimeSpan.FromHours(24).TotalSeconds); // P21's default when not stated
        var margin = TimeSpan.FromTicks(Math.Min(o.TokenRenewalMargin.Ticks, lifetime.Ticks / 2));
        logger.LogInformation("P21 token issued, valid {Lifetime}", lifetime);
        return new CachedToken(token, time.GetUtcNow() + lifetime - margin);
    }

    /// <summary>JSON (<c>ExpiresInSeconds</c> or <c>ExpiresIn</c>), or the XML <c>Token</c> document P21 sends when it ignores Accept.</summary>
    static (string? Token, long? LifetimeSeconds) Parse(string body)
    {
        if (body.TrimStart().StartsWith('<'))
        {
            var root = XDocument.Parse(body).Root;
            string? Value(string name) => root?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var expires = Value("ExpiresInSeconds") ?? Value("ExpiresIn");
            return (Value("AccessToken"), long.TryParse(expires, out var s) ? s : null);
        }
        try
        {
            var reply = JsonSerializer.Deserialize<TokenResponse>(body, P21Json.Options);
            return (reply?.AccessToken, reply?.ExpiresInSeconds ?? reply?.ExpiresIn);
        }
        catch (JsonException e)
        {
            throw new PermanentFailureException($"P21 token reply is neither JSON nor XML: {e.Message}", "P21", e);
        }
    }
}
