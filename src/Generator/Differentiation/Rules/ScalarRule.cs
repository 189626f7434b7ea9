using System;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>
/// The values a scalar rule's partials may read: the operands and the node's own value (the name
/// the forward sweep gave it, or the node itself when it was not named).
/// </summary>
internal readonly record struct RuleOperands(Expr First, Expr? Second, Expr Self);

/// <summary>
/// The derivative rule of a scalar primitive (an operator or a <c>Math</c>/<c>SymMath</c> function
/// of one or two doubles), in the form of JAX's <c>defjvp</c> with <c>ans</c>: the local partial
/// derivative of the node with respect to each operand, without any adjoint or tangent. Reverse
/// mode multiplies an adjoint by a partial (<see cref="Scaling.Scale"/>); forward mode sums partial
/// times tangent over the operands. A partial may read only the values <see cref="Needs"/> names,
/// because only those are kept by the forward sweep.
/// </summary>
internal sealed class ScalarRule
{
    private readonly Func<bool, bool, NeededValues> needs;
    private readonly Func<RuleOperands, int, Expr> partial;
    private readonly Func<RuleOperands, bool>? saturates;

    public ScalarRule(string name, Func<bool, bool, NeededValues> needs, Func<RuleOperands, int, Expr> partial, Func<RuleOperands, bool>? saturates = null)
    {
        Name = name;
        this.needs = needs;
        this.partial = partial;
        this.saturates = saturates;
    }

    /// <summary>The primitive, as a reader would name it (<c>Math.Exp</c>, <c>*</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the node saturates: its value stays finite while an operand runs to infinity, and a partial that is not a
    /// constant rounds to exactly 0 there (atan, tanh, sigmoid, softplus and exp toward -Inf, a quotient's overflowing
    /// divisor, a power with an exponent that is not a positive constant). Where that operand has overflowed, the chain
    /// rule meets 0 x Inf: forward mode writes the term as a strong zero, and the reverse sweep guards the operand's
    /// code (docs/second-order.md, "Saturation: strong zeros").
    /// </summary>
    public bool Saturates(RuleOperands operands) => saturates is not null && saturates(operands);

    /// <summary>The forward values the partials with respect to the active operands read.</summary>
    public NeededValues Needs(bool firstActive, bool secondActive) => needs(firstActive, secondActive);

    /// <summary>∂node/∂operand <paramref name="argument"/> (0 or 1).</summary>
    public Expr Partial(RuleOperands operands, int argument) => partial(operands, argument);
}
