using System.Text;

namespace Payments.Domain.Customers;

/// <summary>
/// ISO 3166-1 countries: the alpha-2 code Stripe wants (https://docs.stripe.com/api/customers/object#customer_object-address-country),
/// the alpha-3 code P21 installations often keep (<c>MailCountry: "USA"</c> in docs/external-apis/p21.md's sources) and the English
/// short names (with official and common names, and a few everyday ones such as "UK" or "Holland") that Znode stores keep in
/// <c>CountryName</c>. The codes and names are ISO's (https://www.iso.org/iso-3166-country-codes.html), taken from Debian's
/// iso-codes list (https://salsa.debian.org/iso-codes-team/iso-codes).
/// </summary>
public static class IsoCountries
{
    public sealed record Country(string Alpha2, string Alpha3, string Name, params string[] OtherNames);

    static readonly Country[] Table =
    [
        new("AW", "ABW", "Aruba"),
        new("AF", "AFG", "Afghanistan", "Islamic Republic of Afghanistan"),
        new("AO", "AGO", "Angola", "Republic of Angola"),
        new("AI", "AIA", "Anguilla"),
        new("AX", "ALA", "Åland Islands"),
        new("AL", "ALB", "Albania", "Republic of Albania"),
        new("AD", "AND", "Andorra", "Principality of Andorra"),
        new("AE", "ARE", "United Arab Emirates", "UAE"),
        new("AR", "ARG", "Argentina", "Argentine Republic"),
        new("AM", "ARM", "Armenia", "Republic of Armenia"),
        new("AS", "ASM", "American Samoa"),
        new("AQ", "ATA", "Antarctica"),
        new("TF", "ATF", "French Southern Territories"),
        new("AG", "ATG", "Antigua and Barbuda"),
        new("AU", "AUS", "Australia"),
        new("AT", "AUT", "Austria", "Republic of Austria"),
        new("AZ", "AZE", "Azerbaijan", "Republic of Azerbaijan"),
        new("BI", "BDI", "Burundi", "Republic of Burundi"),
        new("BE", "BEL", "Belgium", "Kingdom of Belgium"),
        new("BJ", "BEN", "Benin", "Republic of Benin"),
        new("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
        new("BF", "BFA", "Burkina Faso"),
        new("BD", "BGD", "Bangladesh", "People's Republic of Bangladesh"),
        new("BG", "BGR", "Bulgaria", "Republic of Bulgaria"),
        new("BH", "BHR", "Bahrain", "Kingdom of Bahrain"),
        new("BS", "BHS", "Bahamas", "Commonwealth of the Bahamas"),
        new("BA", "BIH", "Bosnia and Herzegovina", "Republic of Bosnia and Herzegovina"),
        new("BL", "BLM", "Saint Barthélemy"),
        new("BY", "BLR", "Belarus", "Republic of Belarus"),
        new("BZ", "BLZ", "Belize"),
        new("BM", "BMU", "Bermuda"),
        new("BO", "BOL", "Bolivia, Plurinational State of", "Bolivia", "Plurinational State of Bolivia"),
        new("BR", "BRA", "Brazil", "Federative Republic of Brazil"),
        new("BB", "BRB", "Barbados"),
        new("BN", "BRN", "Brunei Darussalam", "Brunei"),
        new("BT", "BTN", "Bhutan", "Kingdom of Bhutan"),
        new("BV", "BVT", "Bouvet Island"),
        new("BW", "BWA", "Botswana", "Republic of Botswana"),
        new("CF", "CAF", "Central African Republic"),
        new("CA", "CAN", "Canada"),
        new("CC", "CCK", "Cocos (Keeling) Islands"),
        new("CH", "CHE", "Switzerland", "Swiss Confederation"),
        new("CL", "CHL", "Chile", "Republic of Chile"),
        new("CN", "CHN", "China", "People's Republic of China"),
        new("CI", "CIV", "Côte d'Ivoire", "Republic of Côte d'Ivoire", "Ivory Coast"),
        new("CM", "CMR", "Cameroon", "Republic of Cameroon"),
        new("CD", "COD", "Congo, The Democratic Republic of the"),
        new("CG", "COG", "Congo", "Republic of the Congo"),
        new("CK", "COK", "Cook Islands"),
        new("CO", "COL", "Colombia", "Republic of Colombia"),
        new("KM", "COM", "Comoros", "Union of the Comoros"),
        new("CV", "CPV", "Cabo Verde", "Republic of Cabo Verde", "Cape Verde"),
        new("CR", "CRI", "Costa Rica", "Republic of Costa Rica"),
        new("CU", "CUB", "Cuba", "Republic of Cuba"),
        new("CW", "CUW", "Curaçao"),
        new("CX", "CXR", "Christmas Island"),
        new("KY", "CYM", "Cayman Islands"),
        new("CY", "CYP", "Cyprus", "Republic of Cyprus"),
        new("CZ", "CZE", "Czechia", "Czech Republic"),
        new("DE", "DEU", "Germany", "Federal Republic of Germany"),
        new("DJ", "DJI", "Djibouti", "Republic of Djibouti"),
        new("DM", "DMA", "Dominica", "Commonwealth of Dominica"),
        new("DK", "DNK", "Denmark", "Kingdom of Denmark"),
        new("DO", "DOM", "Dominican Republic"),
        new("DZ", "DZA", "Algeria", "People's Democratic Republic of Algeria"),
        new("EC", "ECU", "Ecuador", "Republic of Ecuador"),
        new("EG", "EGY", "Egypt", "Arab Republic of Egypt"),
        new("ER", "ERI", "Eritrea", "the State of Eritrea"),
        new("EH", "ESH", "Western Sahara"),
        new("ES", "ESP", "Spain", "Kingdom of Spain"),
        new("EE", "EST", "Estonia", "Republic of Estonia"),
        new("ET", "ETH", "Ethiopia", "Federal Democratic Republic of Ethiopia"),
        new("FI", "FIN", "Finland", "Republic of Finland"),
        new("FJ", "FJI", "Fiji", "Republic of Fiji"),
        new("FK", "FLK", "Falkland Islands (Malvinas)"),
        new("FR", "FRA", "France", "French Republic"),
        new("FO", "FRO", "Faroe Islands"),
        new("FM", "FSM", "Micronesia, Federated States of", "Federated States of Micronesia", "Micronesia"),
        new("GA", "GAB", "Gabon", "Gabonese Republic"),
        new("GB", "GBR", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
        new("GE", "GEO", "Georgia"),
        new("GG", "GGY", "Guernsey"),
        new("GH", "GHA", "Ghana", "Republic of Ghana"),
        new("GI", "GIB", "Gibraltar"),
        new("GN", "GIN", "Guinea", "Republic of Guinea"),
        new("GP", "GLP", "Guadeloupe"),
        new("GM", "GMB", "Gambia", "Republic of the Gambia"),
        new("GW", "GNB", "Guinea-Bissau", "Republic of Guinea-Bissau"),
        new("GQ", "GNQ", "Equatorial Guinea", "Republic of Equatorial Guinea"),
        new("GR", "GRC", "Greece", "Hellenic Republic"),
        new("GD", "GRD", "Grenada"),
        new("GL", "GRL", "Greenland"),
        new("GT", "GTM", "Guatemala", "Republic of Guatemala"),
        new("GF", "GUF", "French Guiana"),
        new("GU", "GUM", "Guam"),
        new("GY", "GUY", "Guyana", "Republic of Guyana"),
        new("HK", "HKG", "Hong Kong", "Hong Kong Special Administrative Region of China"),
        new("HM", "HMD", "Heard Island and McDonald Islands"),
        new("HN", "HND", "Honduras", "Republic of Honduras"),
        new("HR", "HRV", "Croatia", "Republic of Croatia"),
        new("HT", "HTI", "Haiti", "Republic of Haiti"),
        new("HU", "HUN", "Hungary"),
        new("ID", "IDN", "Indonesia", "Republic of Indonesia"),
        new("IM", "IMN", "Isle of Man"),
        new("IN", "IND", "India", "Republic of India"),
        new("IO", "IOT", "British Indian Ocean Territory"),
        new("IE", "IRL", "Ireland"),
        new("IR", "IRN", "Iran, Islamic Republic of", "Iran", "Islamic Republic of Iran"),
        new("IQ", "IRQ", "Iraq", "Republic of Iraq"),
        new("IS", "ISL", "Iceland", "Republic of Iceland"),
        new("IL", "ISR", "Israel", "State of Israel"),
        new("IT", "ITA", "Italy", "Italian Republic"),
        new("JM", "JAM", "Jamaica"),
        new("JE", "JEY", "Jersey"),
        new("JO", "JOR", "Jordan", "Hashemite Kingdom of Jordan"),
        new("JP", "JPN", "Japan"),
        new("KZ", "KAZ", "Kazakhstan", "Republic of Kazakhstan"),
        new("KE", "KEN", "Kenya", "Republic of Kenya"),
        new("KG", "KGZ", "Kyrgyzstan", "Kyrgyz Republic"),
        new("KH", "KHM", "Cambodia", "Kingdom of Cambodia"),
        new("KI", "KIR", "Kiribati", "Republic of Kiribati"),
        new("KN", "KNA", "Saint Kitts and Nevis"),
        new("KR", "KOR", "Korea, Republic of", "South Korea", "Korea"),
        new("KW", "KWT", "Kuwait", "State of Kuwait"),
        new("LA", "LAO", "Lao People's Democratic Republic", "Laos"),
        new("LB", "LBN", "Lebanon", "Lebanese Republic"),
        new("LR", "LBR", "Liberia", "Republic of Liberia"),
        new("LY", "LBY", "Libya"),
        new("LC", "LCA", "Saint Lucia"),
        new("LI", "LIE", "Liechtenstein", "Principality of Liechtenstein"),
        new("LK", "LKA", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka"),
        new("LS", "LSO", "Lesotho", "Kingdom of Lesotho"),
        new("LT", "LTU", "Lithuania", "Republic of Lithuania"),
        new("LU", "LUX", "Luxembourg", "Grand Duchy of Luxembourg"),
        new("LV", "LVA", "Latvia", "Republic of Latvia"),
        new("MO", "MAC", "Macao", "Macao Special Administrative Region of China"),
        new("MF", "MAF", "Saint Martin (French part)"),
        new("MA", "MAR", "Morocco", "Kingdom of Morocco"),
        new("MC", "MCO", "Monaco", "Principality of Monaco"),
        new("MD", "MDA", "Moldova, Republic of", "Moldova", "Republic of Moldova"),
        new("MG", "MDG", "Madagascar", "Republic of Madagascar"),
        new("MV", "MDV", "Maldives", "Republic of Maldives"),
        new("MX", "MEX", "Mexico", "United Mexican States"),
        new("MH", "MHL", "Marshall Islands", "Republic of the Marshall Islands"),
        new("MK", "MKD", "North Macedonia", "Republic of North Macedonia", "Macedonia"),
        new("ML", "MLI", "Mali", "Republic of Mali"),
        new("MT", "MLT", "Malta", "Republic of Malta"),
        new("MM", "MMR", "Myanmar", "Republic of Myanmar"),
        new("ME", "MNE", "Montenegro"),
        new("MN", "MNG", "Mongolia"),
        new("MP", "MNP", "Northern Mariana Islands", "Commonwealth of the Northern Mariana Islands"),
        new("MZ", "MOZ", "Mozambique", "Republic of Mozambique"),
        new("MR", "MRT", "Mauritania", "Islamic Republic of Mauritania"),
        new("MS", "MSR", "Montserrat"),
        new("MQ", "MTQ", "Martinique"),
        new("MU", "MUS", "Mauritius", "Republic of Mauritius"),
        new("MW", "MWI", "Malawi", "Republic of Malawi"),
        new("MY", "MYS", "Malaysia"),
        new("YT", "MYT", "Mayotte"),
        new("NA", "NAM", "Namibia", "Republic of Namibia"),
        new("NC", "NCL", "New Caledonia"),
        new("NE", "NER", "Niger", "Republic of the Niger"),
        new("NF", "NFK", "Norfolk Island"),
        new("NG", "NGA", "Nigeria", "Federal Republic of Nigeria"),
        new("NI", "NIC", "Nicaragua", "Republic of Nicaragua"),
        new("NU", "NIU", "Niue"),
        new("NL", "NLD", "Netherlands", "Kingdom of the Netherlands", "Holland", "The Netherlands"),
        new("NO", "NOR", "Norway", "Kingdom of Norway"),
        new("NP", "NPL", "Nepal", "Federal Democratic Republic of Nepal"),
        new("NR", "NRU", "Nauru", "Republic of Nauru"),
        new("NZ", "NZL", "New Zealand"),
        new("OM", "OMN", "Oman", "Sultanate of Oman"),
        new("PK", "PAK", "Pakistan", "Islamic Republic of Pakistan"),
        new("PA", "PAN", "Panama", "Republic of Panama"),
        new("PN", "PCN", "Pitcairn"),
        new("PE", "PER", "Peru", "Republic of Peru"),
        new("PH", "PHL", "Philippines", "Republic of the Philippines"),
        new("PW", "PLW", "Palau", "Republic of Palau"),
        new("PG", "PNG", "Papua New Guinea", "Independent State of Papua New Guinea"),
        new("PL", "POL", "Poland", "Republic of Poland"),
        new("PR", "PRI", "Puerto Rico"),
        new("KP", "PRK", "Korea, Democratic People's Republic of", "North Korea", "Democratic People's Republic of Korea"),
        new("PT", "PRT", "Portugal", "Portuguese Republic"),
        new("PY", "PRY", "Paraguay", "Republic of Paraguay"),
        new("PS", "PSE", "Palestine, State of", "the State of Palestine", "Palestine"),
        new("PF", "PYF", "French Polynesia"),
        new("QA", "QAT", "Qatar", "State of Qatar"),
        new("RE", "REU", "Réunion"),
        new("RO", "ROU", "Romania"),
        new("RU", "RUS", "Russian Federation", "Russia"),
        new("RW", "RWA", "Rwanda", "Rwandese Republic"),
        new("SA", "SAU", "Saudi Arabia", "Kingdom of Saudi Arabia"),
        new("SD", "SDN", "Sudan", "Republic of the Sudan"),
        new("SN", "SEN", "Senegal", "Republic of Senegal"),
        new("SG", "SGP", "Singapore", "Republic of Singapore"),
        new("GS", "SGS", "South Georgia and the South Sandwich Islands"),
        new("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
        new("SJ", "SJM", "Svalbard and Jan Mayen"),
        new("SB", "SLB", "Solomon Islands"),
        new("SL", "SLE", "Sierra Leone", "Republic of Sierra Leone"),
        new("SV", "SLV", "El Salvador", "Republic of El Salvador"),
        new("SM", "SMR", "San Marino", "Republic of San Marino"),
        new("SO", "SOM", "Somalia", "Federal Republic of Somalia"),
        new("PM", "SPM", "Saint Pierre and Miquelon"),
        new("RS", "SRB", "Serbia", "Republic of Serbia"),
        new("SS", "SSD", "South Sudan", "Republic of South Sudan"),
        new("ST", "STP", "Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe"),
        new("SR", "SUR", "Suriname", "Republic of Suriname"),
        new("SK", "SVK", "Slovakia", "Slovak Republic"),
        new("SI", "SVN", "Slovenia", "Republic of Slovenia"),
        new("SE", "SWE", "Sweden", "Kingdom of Sweden"),
        new("SZ", "SWZ", "Eswatini", "Kingdom of Eswatini", "Swaziland"),
        new("SX", "SXM", "Sint Maarten (Dutch part)"),
        new("SC", "SYC", "Seychelles", "Republic of Seychelles"),
        new("SY", "SYR", "Syrian Arab Republic", "Syria"),
        new("TC", "TCA", "Turks and Caicos Islands"),
        new("TD", "TCD", "Chad", "Republic of Chad"),
        new("TG", "TGO", "Togo", "Togolese Republic"),
        new("TH", "THA", "Thailand", "Kingdom of Thailand"),
        new("TJ", "TJK", "Tajikistan", "Republic of Tajikistan"),
        new("TK", "TKL", "Tokelau"),
        new("TM", "TKM", "Turkmenistan"),
        new("TL", "TLS", "Timor-Leste", "Democratic Republic of Timor-Leste"),
        new("TO", "TON", "Tonga", "Kingdom of Tonga"),
        new("TT", "TTO", "Trinidad and Tobago", "Republic of Trinidad and Tobago"),
        new("TN", "TUN", "Tunisia", "Republic of Tunisia"),
        new("TR", "TUR", "Türkiye", "Republic of Türkiye", "Turkey"),
        new("TV", "TUV", "Tuvalu"),
        new("TW", "TWN", "Taiwan, Province of China", "Taiwan"),
        new("TZ", "TZA", "Tanzania, United Republic of", "Tanzania", "United Republic of Tanzania"),
        new("UG", "UGA", "Uganda", "Republic of Uganda"),
        new("UA", "UKR", "Ukraine"),
        new("UM", "UMI", "United States Minor Outlying Islands"),
        new("UY", "URY", "Uruguay", "Eastern Republic of Uruguay"),
        new("US", "USA", "United States", "United States of America", "USA", "U.S.A.", "U.S.", "America"),
        new("UZ", "UZB", "Uzbekistan", "Republic of Uzbekistan"),
        new("VA", "VAT", "Holy See (Vatican City State)", "Vatican", "Vatican City"),
        new("VC", "VCT", "Saint Vincent and the Grenadines"),
        new("VE", "VEN", "Venezuela, Bolivarian Republic of", "Venezuela", "Bolivarian Republic of Venezuela"),
        new("VG", "VGB", "Virgin Islands, British", "British Virgin Islands"),
        new("VI", "VIR", "Virgin Islands, U.S.", "Virgin Islands of the United States"),
        new("VN", "VNM", "Viet Nam", "Vietnam", "Socialist Republic of Viet Nam"),
        new("VU", "VUT", "Vanuatu", "Republic of Vanuatu"),
        new("WF", "WLF", "Wallis and Futuna"),
        new("WS", "WSM", "Samoa", "Independent State of Samoa"),
        new("YE", "YEM", "Yemen", "Republic of Yemen"),
        new("ZA", "ZAF", "South Africa", "Republic of South Africa"),
        new("ZM", "ZMB", "Zambia", "Republic of Zambia"),
        new("ZW", "ZWE", "Zimbabwe", "Republic of Zimbabwe"),
    ];

    static readonly Dictionary<string, Country> ByAlpha2 = Table.ToDictionary(c => c.Alpha2, StringComparer.OrdinalIgnoreCase);
    static readonly Dictionary<string, Country> ByAlpha3 = Table.ToDictionary(c => c.Alpha3, StringComparer.OrdinalIgnoreCase);
    static readonly Dictionary<string, Country> ByName = BuildNames();

    public static IReadOnlyList<Country> All => Table;

    /// <summary>
    /// The alpha-2 code for a two- or three-letter code or a name (any case, accents, punctuation and blanks ignored); false when it
    /// is none of them. A two-letter value must be an assigned code: "UK" is read as the name people use for GB.
    /// </summary>
    public static bool TryAlpha2(string? value, out string alpha2)
    {
        alpha2 = "";
        if (string.IsNullOrWhiteSpace(value)) return false;
        var trimmed = value.Trim();
        var country = trimmed.Length == 2 && ByAlpha2.TryGetValue(trimmed, out var byTwo) ? byTwo
            : trimmed.Length == 3 && ByAlpha3.TryGetValue(trimmed, out var byThree) ? byThree
            : ByName.GetValueOrDefault(Key(trimmed));
        if (country is null) return false;
        alpha2 = country.Alpha2;
        return true;
    }

    /// <summary>The country of an alpha-2 code, or null.</summary>
    public static Country? Of(string? alpha2) => alpha2 is not null && ByAlpha2.TryGetValue(alpha2.Trim(), out var country) ? country : null;

    static Dictionary<string, Country> BuildNames()
    {
        var names = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var country in Table)
        {
            foreach (var name in country.OtherNames.Prepend(country.Name))
                names.TryAdd(Key(name), country);
        }
        return names;
    }

    /// <summary>Letters and digits only, lower case, accents folded, so "Côte d'Ivoire" and "cote divoire" meet.</summary>
    static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c)) key.Append(Fold(char.ToLowerInvariant(c)));
        }
        return key.ToString();
    }

    // Invariant globalization leaves string.Normalize without data, so the accents of the names in the table are folded by hand.
    static string Fold(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' => "a",
        'ç' => "c",
        'è' or 'é' or 'ê' or 'ë' => "e",
        'ì' or 'í' or 'î' or 'ï' => "i",
        'ñ' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' => "o",
        'ù' or 'ú' or 'û' or 'ü' => "u",
        'ý' or 'ÿ' => "y",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ => c.ToString(),
    };
}
