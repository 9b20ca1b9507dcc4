namespace Payments.Simulators.P21.OData;

/// <summary>A query P21's OData service refuses. P21 answers most of these 404 (not 400), often with an empty body.</summary>
public sealed class ODataException(int statusCode, string? message) : Exception(message ?? "OData query refused")
{
    public int StatusCode { get; } = statusCode;
    /// <summary>The OData error message, or null for P21's empty-body 404.</summary>
    public string? ODataMessage { get; } = message;

    public static ODataException NotFound(string? message = null) => new(404, message);
    public static ODataException BadRequest(string message) => new(400, message);
}
