using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Payments.Simulators.P21.Auth;
using Payments.Simulators.P21.Faults;
using Payments.Simulators.Shared.Routing;

namespace Payments.Simulators.P21.Resources;

/// <summary>
/// <c>POST /api/security/token/v2</c> (JSON body) and v1 <c>/api/security/token[/]</c> (credentials in headers): user credentials or a
/// consumer key, answered as JSON when the client accepts it, else as P21's XML <c>Token</c> document (P21/README.md, Surface).
/// </summary>
sealed class TokenResource(P21SimulatorOptions options, P21TokenIssuer tokens) : ISimulatorResource
{
    public void Map(SimulatorRouteBuilder routes)
    {
        var name = nameof(P21Route.Token);
        routes.Post(name, "/api/security/token/v2", http => IssueAsync(http, v2: true));
        routes.Post(name, "/api/security/token", http => IssueAsync(http, v2: false));
    }

    async Task IssueAsync(HttpContext http, bool v2)
    {
        string? username = null, password = null, secret = null, grantType = null;
        if (v2)
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                foreach (var property in body.RootElement.EnumerateObject())
                {
                    var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    switch (property.Name.ToLowerInvariant()) // the token binder is not case-sensitive
                    {
                        case "username": username = value; break;
                        case "password": password = value; break;
                        case "clientsecret": secret = value; break;
                        case "granttype": grantType = value; break;
                    }
                }
            }
            catch (JsonException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        else
        {
            // v1: credentials in headers, consumer key as "consumer_key" + "grant_type".
            username = http.Request.Headers["username"].FirstOrDefault();
            password = http.Request.Headers["password"].FirstOrDefault();
            secret = http.Request.Headers["consumer_key"].FirstOrDefault();
            grantType = http.Request.Headers["grant_type"].FirstOrDefault();
        }

        var consumer = secret is not null && string.Equals(grantType, "client_credentials", StringComparison.OrdinalIgnoreCase);
        var valid = consumer
            ? secret == options.ClientSecret
            : username == options.Username && password == options.Password;
        if (!valid)
        {
            // Body shape illustrative; P21's own token error body is not public (docs/external-apis/p21.md#error-envelopes).
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "The user name or password is incorrect." });
            return;
        }

        var user = username ?? "p21_install_user";
        var (token, sessionId) = tokens.Issue(user, options.TokenLifetime, options.NewTokenRevokesPrevious);
        var seconds = (long)options.TokenLifetime.TotalSeconds;
        if (!P21Http.AcceptsJson(http))
        {
            XNamespace ns = "http://distributionsuite.activant.com";
            var xml = new XElement(ns + "Token",
                new XElement(ns + "AccessToken", token), new XElement(ns + "TokenType", "Bearer"), new XElement(ns + "UserName", user),
                new XElement(ns + "ExpiresIn", seconds), new XElement(ns + "RefreshToken", consumer ? "" : Guid.NewGuid().ToString("N")),
                new XElement(ns + "Scope", consumer ? "/api;/p21sdk" : ""), new XElement(ns + "SessionId", sessionId));
            http.Response.ContentType = "application/xml; charset=utf-8";
            await http.Response.WriteAsync(xml.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
            return;
        }

        // Credential tokens report ExpiresInSeconds, consumer-key tokens ExpiresIn (P21/README.md, Surface).
        var reply = new Dictionary<string, object?> { ["AccessToken"] = token, ["TokenType"] = "Bearer", ["UserName"] = user };
        if (consumer)
        {
            reply["ExpiresIn"] = seconds;
            reply["RefreshToken"] = "";
            reply["Scope"] = "/api;/p21sdk";
            reply["SessionId"] = sessionId;
            reply["ConsumerUid"] = "8";
            reply["AppKey"] = null;
        }
        else
        {
            reply["ExpiresInSeconds"] = seconds;
            reply["RefreshToken"] = Guid.NewGuid().ToString("N");
        }
        await http.Response.WriteAsJsonAsync(reply, P21Http.Json);
    }
}
