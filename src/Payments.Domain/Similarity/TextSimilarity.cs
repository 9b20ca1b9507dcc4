using System.Text;

namespace Payments.Domain.Similarity;

/// <summary>
/// Small, explainable text similarity for suggesting links between records that share no id: words in one folded spelling,
/// Jaro-Winkler between two words (typos and abbreviations), and a Dice coefficient over the words of two texts in which a word
/// counts as shared when it is close enough to one of the other's (so word order and small typos do not matter).
/// </summary>
public static class TextSimilarity
{
    /// <summary>The words of a text: letters and digits, lower case, accents folded; everything else separates words.</summary>
    public static IReadOnlyList<string> Words(string? text, IReadOnlySet<string>? ignored = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) word.Append(Fold(char.ToLowerInvariant(c)));
            else if (c is '\'' or '’') continue; // "O'Brien" and "d'Ivoire" are one word
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0 && (ignored is null || !ignored.Contains(word.ToString()))) words.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>The words joined without separators, to compare names and codes whatever their punctuation ("Côte d'Ivoire" → "cotedivoire").</summary>
    public static string Key(string? text) => string.Concat(Words(text));

    /// <summary>
    /// Jaro-Winkler similarity, 0 (nothing alike) to 1 (equal): the Jaro similarity of matching characters and transpositions,
    /// raised for a common prefix of up to four characters (scale 0.1) when it is above 0.7
    /// (https://en.wikipedia.org/wiki/Jaro%E2%80%93Winkler_distance).
    /// </summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        if (a.Length == 0 || b.Length == 0) return 0;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;

        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j <= Math.Min(b.Length - 1, i + window); j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;

        var transpositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[j]) j++;
            if (a[i] != b[j]) transpositions++;
            j++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        if (jaro <= 0.7) return jaro;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>
    /// Dice's coefficient over two lists of words, 0 to 1, where a pair of words counts as shared with its Jaro-Winkler similarity
    /// when that is at least <paramref name="wordThreshold"/> (best pairs first, each word used once). Words that hold a digit
    /// (house numbers, part numbers) must be equal to count: "12 Main St" is not "21 Main St".
    /// </summary>
    public static double Dice(IReadOnlyList<string> a, IReadOnlyList<string> b, double wordThreshold = 0.9)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var pairs = new List<(double Similarity, int I, int J)>();
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                var similarity = a[i].Any(char.IsDigit) || b[j].Any(char.IsDigit)
                    ? (string.Equals(a[i], b[j], StringComparison.Ordinal) ? 1 : 0)
                    : JaroWinkler(a[i], b[j]);
                if (similarity >= wordThreshold) pairs.Add((similarity, i, j));
            }
        }
        var usedA = new bool[a.Count];
        var usedB = new bool[b.Count];
        var shared = 0.0;
        foreach (var (similarity, i, j) in pairs.OrderByDescending(p => p.Similarity).ThenBy(p => p.I).ThenBy(p => p.J))
        {
            if (usedA[i] || usedB[j]) continue;
            usedA[i] = usedB[j] = true;
            shared += similarity;
        }
        return 2 * shared / (a.Count + b.Count);
    }

    // Invariant globalization leaves string.Normalize without data, so common Latin accents are folded by hand.
    static string Fold(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' => "a",
        'ç' or 'č' or 'ć' => "c",
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ě' => "e",
        'ì' or 'í' or 'î' or 'ï' or 'ī' => "i",
        'ñ' or 'ń' or 'ň' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' => "o",
        'ù' or 'ú' or 'û' or 'ü' or 'ū' or 'ů' => "u",
        'ý' or 'ÿ' => "y",
        'š' or 'ś' => "s",
        'ž' or 'ź' or 'ż' => "z",
        'ł' => "l",
        'ř' => "r",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ => c.ToString(),
    };
}
