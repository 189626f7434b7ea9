using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A statement of the generated gradient method: the output of differentiation and the input of
/// simplification and emission. Straight-line except for <see cref="CodeIf"/>.
/// </summary>
internal abstract record CodeStmt;

/// <summary><c>// text</c>. A heading introduces a section; other comments describe the code right after them.</summary>
internal sealed record CodeComment(string Text, bool IsHeading = false) : CodeStmt;

/// <summary>An empty line that separates blocks.</summary>
internal sealed record CodeBlankLine : CodeStmt
{
    public static readonly CodeBlankLine Instance = new();
}

/// <summary><c>double name = value;</c> (or <c>int</c>/<c>bool</c>).</summary>
internal sealed record CodeDeclare(string Name, ValueKind Kind, Expr Value) : CodeStmt;

/// <summary><c>name = value;</c>, or <c>name[index] = value;</c> when <see cref="Index"/> is set.</summary>
internal sealed record CodeAssign(string Name, Expr Value, Expr? Index = null) : CodeStmt;

/// <summary><c>name += value;</c>, or <c>name[index] += value;</c> when <see cref="Index"/> is set.</summary>
internal sealed record CodeAddTo(string Name, Expr Value, Expr? Index = null) : CodeStmt;

/// <summary>
/// A loop: ascending <c>for (int c = start; c &lt; end; c++)</c> or descending <c>for (int c = start; c &gt;= end; c--)</c>.
/// With <see cref="Exit"/>, the body starts with <c>if (exit) break;</c> (only forward loops have one).
/// </summary>
internal sealed record CodeFor(string Counter, Expr Start, Expr End, bool Descending, EquatableArray<CodeStmt> Body, Expr? Exit = null) : CodeStmt;

/// <summary><c>if (condition) throw new global::System.InvalidOperationException(message);</c></summary>
internal sealed record CodeFailWhen(Expr Condition, string Message) : CodeStmt;

/// <summary><c>if (array.Length != other.Length) throw new ArgumentException(...);</c></summary>
internal sealed record CodeLengthCheck(string Array, string Other, string Function) : CodeStmt;

/// <summary><c>name.Clear();</c>: sets every element of a span to 0.</summary>
internal sealed record CodeClear(string Name) : CodeStmt;

/// <summary><c>tape.Push(value);</c>, or with <see cref="Tangent"/> <c>tangentTape.Push(value);</c> (a tangent of a saved value).</summary>
internal sealed record CodeTapePush(Expr Value, bool Tangent = false) : CodeStmt;

/// <summary>
/// A local array: <c>double[] name = new double[length];</c> or <c>Span&lt;double&gt; name = stackalloc double[length];</c>.
/// With <see cref="Deferred"/>, only the declaration (of an empty array), hoisted out of the branch
/// that allocates it (a <see cref="CodeArrayAllocate"/>), so the reverse sweep sees it too.
/// </summary>
internal sealed record CodeArrayDeclare(string Name, Expr Length, bool StackAlloc, bool Deferred = false) : CodeStmt;

/// <summary><c>name = new double[length];</c> or <c>name = stackalloc double[length];</c> for a hoisted declaration.</summary>
internal sealed record CodeArrayAllocate(string Name, Expr Length, bool StackAlloc) : CodeStmt;

/// <summary>
/// A cleared buffer of <c>length</c> doubles rented from <c>ScratchPool&lt;double&gt;</c> into the
/// array <c>BufferName</c> and viewed as <c>Span&lt;double&gt; name</c>; returned at the end of the method.
/// <see cref="Declaration"/> says whether this statement declares the variables, rents into declared
/// ones, or both (the usual case).
/// </summary>
internal sealed record CodeRentBuffer(string Name, string BufferName, Expr Length, BufferStep Declaration = BufferStep.DeclareAndRent) : CodeStmt;

/// <summary>How a <see cref="CodeRentBuffer"/> splits declaring from renting (a buffer rented inside a branch is declared before it).</summary>
internal enum BufferStep
{
    DeclareAndRent,
    DeclareEmpty,
    RentIntoDeclared,
}

/// <summary>How a <see cref="CodeArgument"/> is passed.</summary>
internal enum Passing
{
    /// <summary>By value (a span or array by its name).</summary>
    Value,

    /// <summary><c>ref name</c>.</summary>
    Ref,

    /// <summary><c>out double name</c>, declaring it.</summary>
    OutDeclare,

    /// <summary><c>out _</c>: an output nobody reads.</summary>
    OutDiscard,
}

/// <summary>An argument of a <see cref="CodeInvoke"/>; for <see cref="Passing.Ref"/> and <see cref="Passing.OutDeclare"/> the value is the variable.</summary>
internal sealed record CodeArgument(Expr Value, Passing Passing = Passing.Value);

/// <summary>
/// <c>Method(arguments);</c>: a derivative method of a called user method (a pullback or a custom
/// gradient), or, with <see cref="VectorOutput"/>, the forward sweep's call of a vector-valued method
/// that is not inlined (see <see cref="VectorCallStatement"/>).
/// </summary>
internal sealed record CodeInvoke(string Method, EquatableArray<CodeArgument> Arguments) : CodeStmt
{
    /// <summary>For a vector-valued call: the array it writes.</summary>
    public string? VectorOutput { get; init; }

    /// <summary>For a vector-valued call: the callee, whose parameters say which arguments are differentiated.</summary>
    public Callee? VectorCallee { get; init; }

    /// <summary>For a vector-valued call: the callee's <c>{Name}Jacobian</c>, which forward mode reads (null when it has none).</summary>
    public string? VectorJacobian { get; init; }
}

/// <summary><c>ScratchPool&lt;double&gt;.Return(buffer);</c> for a buffer rented and used within one block.</summary>
internal sealed record CodeReturnBuffer(string BufferName) : CodeStmt;

/// <summary>
/// <c>if (condition) { ... } else { ... }</c>. <see cref="ZeroGuard"/> marks the reverse sweep's <c>if (dV != 0.0)</c> around a
/// value's reverse code (<c>ReverseSweep.Guards</c>): a tangent program runs it when the adjoint's tangent is not 0 either.
/// </summary>
internal sealed record CodeIf(Expr Condition, EquatableArray<CodeStmt> Then, EquatableArray<CodeStmt> Else, bool ZeroGuard = false) : CodeStmt;


/// <summary>
/// The generated gradient method: the source method's model, the forward sweep (the original
/// computation, kept as written), the reverse sweep (derivative code, which simplification may
/// rewrite) and the variable holding the function's value.
/// </summary>
internal sealed record GradientModel(MethodModel Method, EquatableArray<CodeStmt> Forward, EquatableArray<CodeStmt> Reverse, string Result)
{
    /// <summary>Whether the body pushes values on a tape (a taped loop needs them in its reverse sweep).</summary>
    public bool UsesTape { get; init; }

    /// <summary>The tape's local name, fresh against every name of the method (a parameter may be called <c>tape</c>).</summary>
    public string TapeName { get; init; } = "tape";

    /// <summary>The pooled arrays (<see cref="CodeRentBuffer.BufferName"/>) to return at the end, in order.</summary>
    public EquatableArray<string> RentedBuffers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// A pullback with no statements of its own: it calls the gradient into scratch and adds seed times it to its outputs
    /// (<see cref="Vectorization.PullbackThroughGradient"/>).
    /// </summary>
    public bool CallsGradient { get; init; }

    /// <summary>Which derivative method this is: the gradient or the pullback.</summary>
    public Differentiation.DerivativeRequest Request { get; init; } = Differentiation.DerivativeRequest.Gradient;

    /// <summary>The tangent tape's local name when forward mode runs over a taped loop (it saves the tangents of the saved values), or null.</summary>
    public string? TangentTapeName { get; init; }

    /// <summary>For forward mode: the variable holding the tangent of the result (null when the result has none: its tangent is 0).</summary>
    public string? ResultTangent { get; init; }

    /// <summary>For a vector-valued method's pullback: the pooled adjoint span of its output, which the emitter rents before the forward sweep.</summary>
    public string? OutputAdjoint { get; init; }

    /// <summary>For forward mode: each differentiated parameter's direction parameter (<c>t{P}</c> or <c>v{P}</c>), in parameter order.</summary>
    public EquatableArray<TangentName> Directions { get; init; } = EquatableArray<TangentName>.Empty;

    /// <summary>For <c>FTangent</c>: the name of the <c>out double</c> receiving the tangent of the result.</summary>
    public string? TangentOutput { get; init; }

    /// <summary>For <c>FHessianVectorProduct</c>: each differentiated parameter's product output (<c>hv{P}</c>), in parameter order.</summary>
    public EquatableArray<TangentName> ProductOutputs { get; init; } = EquatableArray<TangentName>.Empty;

    /// <summary>For <c>FHessianBlock</c>: the name of the parameter holding the number of directions (lanes) the block carries.</summary>
    public string? Lanes { get; init; }

    /// <summary>For <c>FHessianBlock</c>: the parameter holding the flat index of lane 0's unit direction (lane l carries e_(first + l)).</summary>
    public string? FirstColumn { get; init; }

    /// <summary>For <c>FHessianBlock</c>: the tangent scalars, each a span of one value per lane allocated at the top of the method.</summary>
    public EquatableArray<string> LaneScalars { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>The name of a tangent (or tangent output) that belongs to <see cref="Of"/>, a parameter of the method.</summary>
internal sealed record TangentName(string Of, string Name);

/// <summary>The derivative methods generated for one <c>[Differentiable]</c> method.</summary>
internal sealed record DerivativeSet(GradientModel Gradient, GradientModel Pullback)
{
    /// <summary>Forward-mode methods asked for by the attribute (<c>FTangent</c>, <c>FHessianVectorProduct</c>), built from the simplified gradient.</summary>
    public EquatableArray<GradientModel> Extras { get; init; } = EquatableArray<GradientModel>.Empty;

    /// <summary>Why an extra method the attribute asked for could not be generated (SYMGRAD0023), one entry each.</summary>
    public EquatableArray<DiagnosticInfo> Problems { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

    /// <summary>
    /// Applies a pipeline step to both methods; a vector-valued method's set holds its pullback twice (one object), and
    /// the step runs on it once.
    /// </summary>
    public DerivativeSet Map(System.Func<GradientModel, GradientModel> step)
    {
        if (ReferenceEquals(Gradient, Pullback))
        {
            GradientModel both = step(Pullback);
            return this with { Gradient = both, Pullback = both };
        }

        return this with { Gradient = step(Gradient), Pullback = step(Pullback) };
    }
}
