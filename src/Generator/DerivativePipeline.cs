using SymGrad.Generator.Differentiation.Forward;
using SymGrad.Generator.IR;
using SymGrad.Generator.Simplification;
using SymGrad.Generator.Vectorization;

namespace SymGrad.Generator;

/// <summary>
/// The steps between differentiation and emission, in order: simplification, forward mode and Hessians (from the
/// simplified gradient), adjoint loop fusion, row tiling and element-wise vector loops.
/// <para>
/// The gradient goes through them first. When it comes out with its rows in tiles and reads its arrays densely, the
/// pullback does not go through them at all: it calls the gradient into scratch and adds seed times it to its outputs
/// (<see cref="PullbackThroughGradient"/>). Such a gradient costs rows times the arrays' length, so one more pass over
/// the outputs is little; and the pullback's own tiles, lanes and printing were about a fifth of the generator's time
/// on the seed models. Any other pullback goes through the same steps as before (it is
/// differentiated on its own: its outputs accumulate, so it cannot use the gradient's fused, scaled outputs).
/// </para>
/// </summary>
internal static class DerivativePipeline
{
    public static DerivativeSet Run(DerivativeSet set)
    {
        if (ReferenceEquals(set.Gradient, set.Pullback))
        {
            return Steps(SecondOrderBuilder.Add(set.Map(GradientSimplifier.Simplify))); // a vector-valued method: one pullback
        }

        DerivativeSet gradient = Steps(SecondOrderBuilder.Add((set with { Pullback = set.Gradient }).Map(GradientSimplifier.Simplify)));
        GradientModel pullback = PullbackThroughGradient.Applies(gradient.Gradient)
            ? PullbackThroughGradient.Model(set.Pullback)
            : Steps((set with { Gradient = set.Pullback }).Map(GradientSimplifier.Simplify)).Pullback;
        return gradient with { Pullback = pullback };
    }

    /// <summary>The steps after simplification; on a set whose two methods are one object each runs once.</summary>
    private static DerivativeSet Steps(DerivativeSet set) => ElementwiseLoops.Apply(RowTiling.Apply(AdjointLoopFusion.Apply(set)));
}
