using System;
using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>∂call/∂array[j] for every element j, written in terms of the element counter.</summary>
internal sealed record ElementPartial(string Array, Expr Partial);

/// <summary>∂call/∂array[index] for one element, on top of the element partials (LogSoftmax's δ term).</summary>
internal sealed record PointPartial(string Array, Expr Index, Expr Partial);

/// <summary>
/// The rule of a SymMath function of whole arrays: like a <see cref="ScalarRule"/>, local partials
/// without the adjoint, one per element of each array operand. Reverse mode adds adjoint x partial
/// into each element's adjoint in one loop; forward mode sums partial x tangent over the elements.
/// Values every element's partial shares (LogSoftmax's log-sum-exp) are a prelude the sweep names
/// once before the loop.
/// </summary>
internal sealed class VectorRule
{
    private readonly Func<VectorCall, Expr, IReadOnlyList<Expr>> prelude;
    private readonly Func<VectorCall, Expr, Expr, IReadOnlyList<Expr>, IReadOnlyList<ElementPartial>> elementPartials;
    private readonly Func<VectorCall, IReadOnlyList<PointPartial>> pointPartials;

    public VectorRule(
        string name,
        NeededValues needs,
        Func<VectorCall, Expr, IReadOnlyList<Expr>> prelude,
        Func<VectorCall, Expr, Expr, IReadOnlyList<Expr>, IReadOnlyList<ElementPartial>> elementPartials,
        Func<VectorCall, IReadOnlyList<PointPartial>> pointPartials)
    {
        Name = name;
        Needs = needs;
        this.prelude = prelude;
        this.elementPartials = elementPartials;
        this.pointPartials = pointPartials;
    }

    public string Name { get; }

    /// <summary>The forward values the partials read (the call's own value, or nothing).</summary>
    public NeededValues Needs { get; }

    /// <summary>Values the element partials share, computed once from the call's value <c>self</c>.</summary>
    public IReadOnlyList<Expr> Prelude(VectorCall call, Expr self) => prelude(call, self);

    /// <summary>The partials with respect to element <paramref name="element"/> of each array operand; <paramref name="named"/> holds the prelude's names.</summary>
    public IReadOnlyList<ElementPartial> ElementPartials(VectorCall call, Expr self, Expr element, IReadOnlyList<Expr> named) => elementPartials(call, self, element, named);

    /// <summary>Single-element partials added after the element loop.</summary>
    public IReadOnlyList<PointPartial> PointPartials(VectorCall call) => pointPartials(call);
}
