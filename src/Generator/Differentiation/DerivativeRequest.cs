using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation;

/// <summary>How derivatives are propagated. Reverse mode is the one mode today; forward mode reads the same rule table.</summary>
internal enum DerivativeMode
{
    /// <summary>Adjoints flow from the result back to the parameters.</summary>
    Reverse,

    /// <summary>Tangents flow from the parameters forward to the result (<c>FTangent</c>).</summary>
    Tangent,

    /// <summary>Forward mode over the reverse sweep: the tangent of the gradient along a direction (<c>FHessianVectorProduct</c>).</summary>
    TangentOfGradient,
}

/// <summary>How a generated method writes its derivative outputs.</summary>
internal enum OutputWrite
{
    /// <summary>The outputs are set: scalar outputs are <c>out</c>, output spans are cleared first.</summary>
    Overwrite,

    /// <summary>The derivatives are added to what the outputs hold (<c>ref</c> scalars, spans left as passed).</summary>
    Accumulate,
}

/// <summary>
/// What derivative code to generate for one method, read by the sweep and the emitter instead of
/// a hard-coded seed of 1 and <c>out</c> outputs: <c>FGradient</c> seeds the result's adjoint with 1
/// and overwrites; <c>FPullback</c> seeds it with its <c>seed</c> parameter and accumulates, so a
/// caller can chain it (<c>dF/dP += seed * ∂F/∂P</c>).
/// </summary>
internal sealed record DerivativeRequest(DerivativeMode Mode, string MethodSuffix, string? SeedParameter, OutputWrite Outputs)
{
    public static readonly DerivativeRequest Gradient = new(DerivativeMode.Reverse, "Gradient", null, OutputWrite.Overwrite);

    /// <summary>The pullback; <paramref name="seedParameter"/> is <c>seed</c> unless the method already uses that name.</summary>
    public static DerivativeRequest Pullback(string seedParameter) => new(DerivativeMode.Reverse, "Pullback", seedParameter, OutputWrite.Accumulate);

    /// <summary>Forward mode: <c>FTangent</c>, the directional derivative of the result.</summary>
    public static readonly DerivativeRequest Tangent = new(DerivativeMode.Tangent, "Tangent", null, OutputWrite.Overwrite);

    /// <summary>Forward over reverse: <c>FHessianVectorProduct</c>, the tangent of the gradient.</summary>
    public static readonly DerivativeRequest HessianVectorProduct = new(DerivativeMode.TangentOfGradient, "HessianVectorProduct", null, OutputWrite.Overwrite);

    /// <summary>Forward over reverse along several directions at once: the private <c>FHessianBlock</c> that <c>FHessian</c> calls per block of columns.</summary>
    public static readonly DerivativeRequest HessianBlock = new(DerivativeMode.TangentOfGradient, "HessianBlock", null, OutputWrite.Overwrite);

    /// <summary>
    /// The pullback of a vector-valued method: its lowered body is the scalar <c>Σ seed[i] · output[i]</c>
    /// with the seed an array parameter, so the result's adjoint is 1 and the outputs accumulate.
    /// </summary>
    public static DerivativeRequest VectorPullback(string output) => new(DerivativeMode.Reverse, "Pullback", null, OutputWrite.Accumulate) { VectorOutput = output };

    /// <summary>The output span of a vector-valued method, whose adjoint the sweep keeps in a pooled buffer; null for scalar methods.</summary>
    public string? VectorOutput { get; init; }

    /// <summary>The adjoint the result starts with.</summary>
    public Expr Seed => SeedParameter is null ? Constant.One : new Variable(SeedParameter, ValueKind.Double);

    public bool Accumulates => Outputs == OutputWrite.Accumulate;
}
