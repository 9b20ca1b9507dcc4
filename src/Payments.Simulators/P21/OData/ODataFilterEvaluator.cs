namespace Payments.Simulators.P21.OData;

/// <summary>
/// Type-checks a parsed <c>$filter</c> against a table the way P21's OData service does (unknown property ⇒ 404,
/// incompatible operand types ⇒ 404 with the OData message) and evaluates it per row.
/// String comparisons ignore case: P21 runs on SQL Server's default case-insensitive collation [inferred].
/// </summary>
public static class ODataFilterEvaluator
{
    static readonly Dictionary<string, string> OperatorKinds = new()
    {
        ["eq"] = "Equal", ["ne"] = "NotEqual", ["gt"] = "GreaterThan", ["ge"] = "GreaterThanOrEqual", ["lt"] = "LessThan", ["le"] = "LessThanOrEqual",
    };

    static readonly HashSet<string> StringFunctions = ["startswith", "endswith", "contains"];

    /// <summary>Checks the whole expression before any row is read, so a bad query fails the same way on an empty table.</summary>
    public static void Validate(FilterNode node, ODataTable table) => TypeOf(node, table);

    public static bool Matches(FilterNode node, IReadOnlyDictionary<string, object?> row) => Evaluate(node, row) is true;

    static EdmType? TypeOf(FilterNode node, ODataTable table)
    {
        switch (node)
        {
            case PropertyNode p:
                return (table.Column(p.Name) ?? throw ODataException.NotFound($"Could not find a property named '{p.Name}' on type '{table.EntityType}'.")).Type;
            case LiteralNode l:
                return l.Type;
            case IgnoredNode:
                return EdmType.Boolean;
            case NotNode n:
                RequireBoolean(TypeOf(n.Operand, table), "not");
                return EdmType.Boolean;
            case BinaryNode { Operator: "and" or "or" } b:
                RequireBoolean(TypeOf(b.Left, table), b.Operator);
                RequireBoolean(TypeOf(b.Right, table), b.Operator);
                return EdmType.Boolean;
            case BinaryNode b:
                var left = TypeOf(b.Left, table);
                var right = TypeOf(b.Right, table);
                if (left is not null && right is not null && !Compatible(left.Value, right.Value))
                    throw ODataException.NotFound(
                        $"A binary operator with incompatible types was detected. Found operand types 'Edm.{left}' and 'Edm.{right}' for operator kind '{OperatorKinds[b.Operator]}'.");
                return EdmType.Boolean;
            case FunctionNode f when StringFunctions.Contains(f.Name):
                if (f.Arguments.Count != 2) throw ODataException.BadRequest($"The function '{f.Name}' takes two arguments.");
                foreach (var arg in f.Arguments)
                    if (TypeOf(arg, table) is { } t && t != EdmType.String)
                        throw ODataException.NotFound($"No function signature for the function with name '{f.Name}' matches the specified arguments.");
                return EdmType.Boolean;
            case FunctionNode:
                // now(), substringof(), tolower() …: P21 answers 404 (docs/external-apis/p21.md#odata).
                throw ODataException.NotFound();
            default:
                throw ODataException.BadRequest("Unsupported expression.");
        }
    }

    static void RequireBoolean(EdmType? type, string op)
    {
        if (type != EdmType.Boolean) throw ODataException.BadRequest($"The operand of '{op}' must be a Boolean expression.");
    }

    static bool Compatible(EdmType a, EdmType b) =>
        a == b || (IsNumeric(a) && IsNumeric(b));

    static bool IsNumeric(EdmType t) => t is EdmType.Decimal or EdmType.Int32;

    static object? Evaluate(FilterNode node, IReadOnlyDictionary<string, object?> row) => node switch
    {
        PropertyNode p => row.TryGetValue(p.Name, out var v) ? v : null,
        LiteralNode l => l.Value,
        IgnoredNode => true,
        NotNode n => Evaluate(n.Operand, row) is not true,
        BinaryNode { Operator: "and" } b => Evaluate(b.Left, row) is true && Evaluate(b.Right, row) is true,
        BinaryNode { Operator: "or" } b => Evaluate(b.Left, row) is true || Evaluate(b.Right, row) is true,
        BinaryNode b => Compare(b.Operator, Evaluate(b.Left, row), Evaluate(b.Right, row)),
        FunctionNode f => StringFunction(f.Name, Evaluate(f.Arguments[0], row) as string, Evaluate(f.Arguments[1], row) as string),
        _ => false,
    };

    static bool Compare(string op, object? left, object? right)
    {
        if (left is null || right is null)
            return op switch { "eq" => left is null && right is null, "ne" => (left is null) != (right is null), _ => false };
        var order = (left, right) switch
        {
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (decimal a, decimal b) => a.CompareTo(b),
            (int a, decimal b) => ((decimal)a).CompareTo(b),
            (decimal a, int b) => a.CompareTo(b),
            (int a, int b) => a.CompareTo(b),
            (DateTime a, DateTime b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            _ => throw ODataException.BadRequest($"Cannot compare {left.GetType().Name} with {right.GetType().Name}."),
        };
        return op switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            "le" => order <= 0,
            _ => false,
        };
    }

    static bool StringFunction(string name, string? value, string? argument)
    {
        if (value is null || argument is null) return false;
        return name switch
        {
            "startswith" => value.StartsWith(argument, StringComparison.OrdinalIgnoreCase),
            "endswith" => value.EndsWith(argument, StringComparison.OrdinalIgnoreCase),
            _ => value.Contains(argument, StringComparison.OrdinalIgnoreCase),
        };
    }
}
