using SymGrad.Generator.IR;

namespace SymGrad.Generator.Model;

/// <summary>A type that contains the method, outermost first: its declaration keyword and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>A parameter of the differentiable method.</summary>
/// <param name="Name">The parameter's name as written (escaped with @ where needed).</param>
/// <param name="TypeText">The fully qualified type as it appears in the generated signature.</param>
/// <param name="Kind">The value kind of the parameter.</param>
/// <param name="IsDifferentiated">Whether a gradient output is generated for it.</param>
/// <param name="DefaultValue">The C# text of an optional parameter's default value (<c>2.5</c>, <c>null</c>), or null when it is required.</param>
internal sealed record ParameterModel(string Name, string TypeText, ValueKind Kind, bool IsDifferentiated, string? DefaultValue = null)
{
    /// <summary>The gradient output's name: <c>d{Param}</c>.</summary>
    public string GradientName => "d" + Naming.NameAllocator.Unescaped(Name);

    /// <summary>Whether the parameter is an array or span (its gradient output is a <c>Span&lt;double&gt;</c>).</summary>
    public bool IsArray => Kind is ValueKind.DoubleArray or ValueKind.IntArray or ValueKind.DoubleMatrix;
}

/// <summary>
/// Everything the later pipeline steps need about one <c>[Differentiable]</c> method, as plain
/// values: no symbols, no syntax nodes.
/// </summary>
internal sealed record MethodModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Accessibility,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<Stmt> Body,
    EquatableArray<string> LocalNames,
    string HintName,
    string SourceDescription,
    SourceSpan? Location)
{
    /// <summary>Signatures of other <c>{Name}Gradient</c> methods (declared, or generated for other overloads) that generated overloads must not repeat.</summary>
    public EquatableArray<string> TakenGradientSignatures { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Which derivative methods beyond the gradient and the pullback the attribute asks for.</summary>
    public SecondOrder Extras { get; init; } = SecondOrder.None;

    /// <summary>The real type the method computes in: its signature's (docs/single-precision.md).</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary><c>ExactSums = true</c>: every sum stays in the source's order (no <c>Kernels.Dot</c>), so returned values are the method's bits.</summary>
    public bool ExactSums { get; init; }

    /// <summary>Where the <c>[Differentiable]</c> attribute is (diagnostics about what it asks for point there).</summary>
    public SourceSpan? AttributeLocation { get; init; }

    /// <summary>
    /// Whether the generated methods zero their locals, <c>stackalloc</c> memory included (no <c>[SkipLocalsInit]</c> on a
    /// containing type or the module): a scratch span on the stack then needs no clearing (<c>StackScratch</c>).
    /// </summary>
    public bool ZeroedStack { get; init; }

    /// <summary>For a vector-valued method (<c>void</c>, one <c>Span&lt;double&gt;</c> output): its output, seed and own statements; otherwise null.</summary>
    public VectorOutput? Vector { get; init; }
}

/// <summary>
/// How a vector-valued method was lowered: its output span, the seed parameter appended to
/// <see cref="MethodModel.Parameters"/> (last), and how many leading statements of the body are the
/// user's (the rest compute <c>Σ seed[i] · output[i]</c>).
/// </summary>
internal sealed record VectorOutput(string Output, string Seed, int UserStatements);

/// <summary>The derivative methods a <c>[Differentiable(Tangent = true, Hessian = true)]</c> attribute adds.</summary>
[System.Flags]
internal enum SecondOrder
{
    None = 0,

    /// <summary><c>{Name}Tangent</c>: forward mode.</summary>
    Tangent = 1,

    /// <summary><c>{Name}HessianVectorProduct</c> and <c>{Name}Hessian</c>.</summary>
    Hessian = 2,
}

/// <summary>The outcome of lowering one method: a model when lowering succeeded, and its diagnostics.</summary>
internal sealed record LoweringResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
