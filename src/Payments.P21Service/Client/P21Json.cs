using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Payments.P21Service.Client;

/// <summary>One serializer for every P21 call: names exactly as the DTOs spell them (PascalCase, or snake_case attributes on OData rows).</summary>
public static class P21Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        // Older P21 surfaces serialise decimals as strings.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static readonly RefitSettings RefitSettings = new(new SystemTextJsonContentSerializer(Options));
}
