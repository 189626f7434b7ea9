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
    /// <summary><c>&amp;&amp;</c>: the right operand runs only when the left is true.</summary>
    And,

    /// <summary><c>||</c>: the right operand runs only when the left is false.</summary>
    Or,

    /// <summary><c>&amp;</c> on bool: both operands always run.</summary>
    EagerAnd,

    /// <summary><c>|</c> on bool: both operands always run.</summary>
    EagerOr,
}

/// <summary>Unary operators of the IR.</summary>
internal enum UnaryOperator
{
    Negate,
    Not,

    /// <summary>An integer converted to double (a constant for differentiation).</summary>
    ToDouble,
}
