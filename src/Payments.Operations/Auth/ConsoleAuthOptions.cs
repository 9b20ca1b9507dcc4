namespace Payments.Operations.Auth;

public enum ConsoleAuthMode { None, OpenIdConnect, LocalAdmin }

/// <summary>
/// <c>Operations:Auth</c>: who may open the console. There is no anonymous mode: the service refuses to start until a mode is
/// configured (<see cref="ConsoleAuthExtensions"/>).
/// </summary>
public sealed class ConsoleAuthOptions
{
    public const string Section = "Operations:Auth";

    /// <summary>The role that may change something (redrive); reading needs only a signed-in user.</summary>
    public const string OperatorRole = "payments-operator";

    public ConsoleAuthMode Mode { get; set; }
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
    public LocalAdminSettings LocalAdmin { get; set; } = new();

    public sealed class OpenIdConnectSettings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>The claim of the ID token that holds the user's roles (Keycloak, Entra ID: <c>roles</c>).</summary>
        public string RoleClaim { get; set; } = "roles";
        /// <summary>The claim shown as the user's name, also the actor of an audited action.</summary>
        public string NameClaim { get; set; } = "preferred_username";
    }

    /// <summary>One configured user, for the sandbox and a first look; not for production.</summary>
    public sealed class LocalAdminSettings
    {
        public string Username { get; set; } = "admin";
        public string? Password { get; set; }
        /// <summary>The user's roles (<c>Roles:0</c>, …); none configured means the operator's, so the sandbox's admin can redrive.</summary>
        public string[] Roles { get; set; } = [];

        // Not a default in Roles itself: configuration binding appends to an array's existing items instead of replacing them.
        public IReadOnlyList<string> EffectiveRoles => Roles.Length == 0 ? [OperatorRole] : Roles;
    }

    /// <summary>What is missing for the configured mode, in words (never a configured value).</summary>
    public IEnumerable<string> Problems()
    {
        switch (Mode)
        {
            case ConsoleAuthMode.OpenIdConnect:
                if (string.IsNullOrWhiteSpace(OpenIdConnect.Authority)) yield return $"{Section}:OpenIdConnect:Authority is not set";
                if (string.IsNullOrWhiteSpace(OpenIdConnect.ClientId)) yield return $"{Section}:OpenIdConnect:ClientId is not set";
                if (string.IsNullOrWhiteSpace(OpenIdConnect.ClientSecret)) yield return $"{Section}:OpenIdConnect:ClientSecret is not set";
                break;
            case ConsoleAuthMode.LocalAdmin:
                if (string.IsNullOrWhiteSpace(LocalAdmin.Username)) yield return $"{Section}:LocalAdmin:Username is not set";
                if (string.IsNullOrEmpty(LocalAdmin.Password)) yield return $"{Section}:LocalAdmin:Password is not set";
                else if (LocalAdmin.Password.Length < 12) yield return $"{Section}:LocalAdmin:Password is shorter than 12 characters";
                break;
            default:
                yield return $"{Section}:Mode is not set: choose OpenIdConnect (Authority, ClientId, ClientSecret, RoleClaim) or LocalAdmin "
                             + "(Username, Password); the console has no anonymous access";
                break;
        }
    }
}
