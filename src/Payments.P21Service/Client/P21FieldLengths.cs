namespace Payments.P21Service.Client;

/// <summary>
/// The lengths of the P21 columns behind the Transaction API fields we write (docs/external-apis/p21.md#formats-and-field-lengths):
/// <c>oe_hdr</c> from P21's schema (po_no 50, taker 30, ship2_* 50, ship2_zip 10, web_reference_no 255) [documented]; a customer's name and mail
/// address live in <c>address</c>, whose name and lines we take to be 50 like oe_hdr's [inferred], mail_postal_code 10 [documented].
/// </summary>
public static class P21FieldLengths
{
    public static IReadOnlyDictionary<string, int> Defaults { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["po_no"] = 50, ["web_reference_no"] = 255, ["taker"] = 30,
        ["oe_hdr_ship2_add1"] = 50, ["oe_hdr_ship2_add2"] = 50, ["oe_hdr_ship2_city"] = 50, ["oe_hdr_ship2_state"] = 50, ["oe_hdr_ship2_zip"] = 10,
        ["customer_name"] = 50, ["mail_address1"] = 50, ["mail_address2"] = 50, ["mail_city"] = 50, ["mail_state"] = 50,
        ["mail_postal_code"] = 10, ["mail_country"] = 50, ["email_address"] = 255,
        ["oe_order_item_id"] = 40,
    };

    /// <summary>The defaults with the configured lengths (<see cref="P21Options.FieldLengths"/>) on top.</summary>
    public static IReadOnlyDictionary<string, int> For(P21Options options)
    {
        var lengths = new Dictionary<string, int>(Defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (field, length) in options.FieldLengths) lengths[field] = length;
        return lengths;
    }
}
