namespace SymGrad.Generator.IR;

/// <summary>Binary operators of the IR; the operand kinds decide integer or floating semantics.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

/// <summary>Unary operators of the IR.</summary>
internal enum UnaryOperator
{
    Negate,
    Not,

    /// <summary>An integer converted to double (a constant for differentiation).</summary>
    ToDouble,
}
