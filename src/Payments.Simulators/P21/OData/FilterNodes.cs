namespace Payments.Simulators.P21.OData;

/// <summary>The syntax tree of an OData v4 <c>$filter</c> expression.</summary>
public abstract record FilterNode;

public sealed record PropertyNode(string Name) : FilterNode;

/// <summary>A literal. <see cref="Type"/> is null for <c>null</c>.</summary>
public sealed record LiteralNode(object? Value, EdmType? Type) : FilterNode;

/// <summary><c>and</c>, <c>or</c>, and the comparisons <c>eq ne gt ge lt le</c>.</summary>
public sealed record BinaryNode(string Operator, FilterNode Left, FilterNode Right) : FilterNode;

public sealed record NotNode(FilterNode Operand) : FilterNode;

public sealed record FunctionNode(string Name, IReadOnlyList<FilterNode> Arguments) : FilterNode;

/// <summary><c>x in (…)</c>: P21 accepts it and ignores it (every row matches), so it parses to this.</summary>
public sealed record IgnoredNode(string Text) : FilterNode;
