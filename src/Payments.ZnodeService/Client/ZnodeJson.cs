using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Payments.ZnodeService.Client;

/// <summary>One serializer for every Znode call: Znode's PascalCase names, read without regard to case, numbers also from strings.</summary>
public static class ZnodeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static readonly RefitSettings RefitSettings = new(new SystemTextJsonContentSerializer(Options));
}
