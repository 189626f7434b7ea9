using System;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>Which forward values of a node its partial derivatives read, so the forward sweep can keep them.</summary>
[Flags]
internal enum NeededValues
{
    None = 0,

    /// <summary>The node's own value (exp' = exp, sigmoid' = s (1 - s)).</summary>
    Self = 1,

    /// <summary>The first operand's value.</summary>
    First = 2,

    /// <summary>The second operand's value.</summary>
    Second = 4,
}
