using System.Security.Cryptography;

namespace Payments.Simulators.Stripe;

/// <summary>Fresh identifiers in Stripe's shape: a type prefix, an underscore and 24 alphanumerics (<c>ch_3Q…</c>).</summary>
public static class StripeIds
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, 24)}";
}
