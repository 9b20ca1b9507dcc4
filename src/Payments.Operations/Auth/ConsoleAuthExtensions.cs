using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Payments.Operations.Auth;

/// <summary>
/// Sign-in for the console: a cookie, issued by OpenID Connect (real deployments) or by the log-in page for the configured local admin
/// (the sandbox). Every console page needs a signed-in user (Razor Pages conventions in <see cref="ConsoleExtensions"/>); redrive needs
/// the policy <see cref="OperatorPolicy"/>.
/// </summary>
public static class ConsoleAuthExtensions
{
    public const string OperatorPolicy = "payments-operator";

    public static IHostApplicationBuilder AddConsoleAuth(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ConsoleAuthOptions.Section).Get<ConsoleAuthOptions>() ?? new ConsoleAuthOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("The operations console cannot start: " + string.Join("; ", problems) + ".");
        builder.Services.AddSingleton(Options.Create(options));

        var authentication = builder.Services.AddAuthentication(auth =>
        {
            auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            if (options.Mode == ConsoleAuthMode.OpenIdConnect)
                auth.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "payments-console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        if (options.Mode == ConsoleAuthMode.OpenIdConnect)
        {
            var oidc = options.OpenIdConnect;
            authentication.AddOpenIdConnect(openId =>
            {
                openId.Authority = oidc.Authority;
                openId.ClientId = oidc.ClientId;
                openId.ClientSecret = oidc.ClientSecret;
                openId.ResponseType = "code";
                openId.UsePkce = true;
                openId.SaveTokens = false;
                openId.GetClaimsFromUserInfoEndpoint = true;
                openId.MapInboundClaims = false;
                openId.Scope.Add("profile");
                openId.TokenValidationParameters.NameClaimType = oidc.NameClaim;
                openId.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(ConsoleAuthOptions.OperatorRole));
        return builder;
    }

    /// <summary>The name an audited action records as its actor.</summary>
    public static string ActorName(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value ?? "(unknown)";
}
