using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Payments.Operations.Auth;

namespace Payments.Operations.Pages;

/// <summary>The local admin's log-in form; with OpenID Connect the identity provider's instead.</summary>
public sealed class LoginModel(IOptions<ConsoleAuthOptions> options, ILogger<LoginModel> logger) : PageModel
{
    public string? Error { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = LocalOnly(returnUrl);
        return options.Value.Mode == ConsoleAuthMode.OpenIdConnect
            ? Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, OpenIdConnectDefaults.AuthenticationScheme)
            : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl)
    {
        ReturnUrl = LocalOnly(returnUrl);
        var admin = options.Value.LocalAdmin;
        if (options.Value.Mode != ConsoleAuthMode.LocalAdmin || !Same(username, admin.Username) || !Same(password, admin.Password))
        {
            // The attempted name only: a mistyped password is often someone's real one.
            logger.LogWarning("Console log-in refused for user {User}", username);
            Error = "Unknown user or wrong password.";
            return Page();
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, admin.Username) };
        claims.AddRange(admin.EffectiveRoles.Select(role => new Claim(ClaimTypes.Role, role)));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Compares in constant time, so the answer's timing does not tell how much of a guess was right.</summary>
    static bool Same(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    string LocalOnly(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
