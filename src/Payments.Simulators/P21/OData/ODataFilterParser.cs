using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Payments.Simulators.P21.OData;

/// <summary>
/// Recursive-descent parser for the part of the OData v4 <c>$filter</c> grammar P21 supports:
/// <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparison, parentheses, <c>startswith/endswith/contains</c>,
/// string literals with <c>''</c> escaping, numbers (optionally suffixed <c>M</c>), dates, datetimes, <c>null</c>, <c>true/false</c>,
/// and <c>in (…)</c>, which P21 accepts and silently ignores.
/// </summary>
public static partial class ODataFilterParser
{
    static readonly HashSet<string> Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];

    public static FilterNode Parse(string filter)
    {
        var tokens = Tokenize(filter);
        var parser = new Cursor(tokens);
        var node = ParseOr(parser);
        if (!parser.AtEnd) throw ODataException.BadRequest($"Syntax error at position {parser.Peek.Position} in '{filter}'.");
        return node;
    }

    static FilterNode ParseOr(Cursor c)
    {
        var left = ParseAnd(c);
        while (c.TryKeyword("or")) left = new BinaryNode("or", left, ParseAnd(c));
        return left;
    }

    static FilterNode ParseAnd(Cursor c)
    {
        var left = ParseNot(c);
        while (c.TryKeyword("and")) left = new BinaryNode("and", left, ParseNot(c));
        return left;
    }

    static FilterNode ParseNot(Cursor c) => c.TryKeyword("not") ? new NotNode(ParseNot(c)) : ParseComparison(c);

    static FilterNode ParseComparison(Cursor c)
    {
        var left = ParsePrimary(c);
        if (c.Peek is { Kind: TokenKind.Identifier } op && Comparisons.Contains(op.Text))
        {
            c.Next();
            return new BinaryNode(op.Text, left, ParsePrimary(c));
        }
        if (c.TryKeyword("in"))
        {
            c.Expect(TokenKind.Open);
            var text = new StringBuilder();
            while (!c.AtEnd && c.Peek.Kind != TokenKind.Close) text.Append(c.Next().Text).Append(' ');
            c.Expect(TokenKind.Close);
            return new IgnoredNode("in (" + text.ToString().Trim() + ")");
        }
        return left;
    }

    static FilterNode ParsePrimary(Cursor c)
    {
        var token = c.Next();
        switch (token.Kind)
        {
            case TokenKind.Open:
                var inner = ParseOr(c);
                c.Expect(TokenKind.Close);
                return inner;
            case TokenKind.String:
                return new LiteralNode(token.Text, EdmType.String);
            case TokenKind.Number:
                return ParseNumber(token.Text);
            case TokenKind.Date:
                return new LiteralNode(DateTime.Parse(token.Text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), EdmType.DateTime);
            case TokenKind.Identifier:
                switch (token.Text)
                {
                    case "null": return new LiteralNode(null, null);
                    case "true": return new LiteralNode(true, EdmType.Boolean);
                    case "false": return new LiteralNode(false, EdmType.Boolean);
                }
                if (c.Peek is { Kind: TokenKind.Open })
                {
                    c.Next();
                    var args = new List<FilterNode>();
                    if (c.Peek.Kind != TokenKind.Close)
                    {
                        args.Add(ParseOr(c));
                        while (c.Peek.Kind == TokenKind.Comma) { c.Next(); args.Add(ParseOr(c)); }
                    }
                    c.Expect(TokenKind.Close);
                    return new FunctionNode(token.Text, args);
                }
                return new PropertyNode(token.Text);
            default:
                throw ODataException.BadRequest($"Syntax error at position {token.Position}: unexpected '{token.Text}'.");
        }
    }

    static LiteralNode ParseNumber(string text)
    {
        if (text.EndsWith('M') || text.EndsWith('m'))
            return new LiteralNode(decimal.Parse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture), EdmType.Decimal);
        if (!text.Contains('.') && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            return new LiteralNode((decimal)i, EdmType.Int32);
        return new LiteralNode(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), EdmType.Decimal);
    }

    enum TokenKind { Identifier, String, Number, Date, Open, Close, Comma, End }

    sealed record Token(TokenKind Kind, string Text, int Position);

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?")]
    private static partial Regex DateLiteral();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?([eE][+-]?\d+)?[mM]?")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"\G[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch)) { i++; continue; }
            switch (ch)
            {
                case '(': tokens.Add(new Token(TokenKind.Open, "(", i++)); continue;
                case ')': tokens.Add(new Token(TokenKind.Close, ")", i++)); continue;
                case ',': tokens.Add(new Token(TokenKind.Comma, ",", i++)); continue;
                case '\'':
                    var start = i++;
                    var value = new StringBuilder();
                    while (true)
                    {
                        if (i >= text.Length) throw ODataException.BadRequest($"Unterminated string literal at position {start}.");
                        if (text[i] == '\'')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '\'') { value.Append('\''); i += 2; continue; }
                            i++;
                            break;
                        }
                        value.Append(text[i++]);
                    }
                    tokens.Add(new Token(TokenKind.String, value.ToString(), start));
                    continue;
            }
            Match m;
            if ((m = DateLiteral().Match(text, i)).Success && m.Length > 0)
                tokens.Add(new Token(TokenKind.Date, m.Value, i));
            else if ((m = NumberLiteral().Match(text, i)).Success && m.Length > 0)
                tokens.Add(new Token(TokenKind.Number, m.Value, i));
            else if ((m = Identifier().Match(text, i)).Success && m.Length > 0)
                tokens.Add(new Token(TokenKind.Identifier, m.Value, i));
            else
                throw ODataException.BadRequest($"Syntax error at position {i}: unexpected '{ch}'.");
            i += m.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    sealed class Cursor(List<Token> tokens)
    {
        int _index;
        public Token Peek => tokens[_index];
        public bool AtEnd => Peek.Kind == TokenKind.End;
        public Token Next() => AtEnd ? throw ODataException.BadRequest("Unexpected end of $filter.") : tokens[_index++];

        public bool TryKeyword(string keyword)
        {
            if (Peek.Kind != TokenKind.Identifier || Peek.Text != keyword) return false;
            _index++;
            return true;
        }

        public void Expect(TokenKind kind)
        {
            if (Peek.Kind != kind) throw ODataException.BadRequest($"Syntax error at position {Peek.Position}: expected {kind}.");
            _index++;
        }
    }
}
