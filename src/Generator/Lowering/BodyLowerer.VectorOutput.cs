using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// A vector-valued method (<c>void F(..., Span&lt;double&gt; output)</c>) writes its result into its
/// output span. Lowered, it becomes the scalar function <c>Σ_i seed[i] · output[i]</c> of one more,
/// constant, parameter <c>seed</c>: its gradient is the vector-Jacobian product <c>Jᵀ seed</c>, so the
/// scalar machinery generates the vector pullback unchanged, and forward mode differentiates the
/// user's statements (everything before the sum) for tangents and Jacobian columns.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>The output span's name when the method is vector-valued: element writes to it are allowed.</summary>
    public string? OutputParameter { get; set; }

    /// <summary>The seed of a vector-valued method's lowered sum, while its body is lowered (a <c>return;</c> returns the sum).</summary>
    private string? vectorSeed;

    /// <summary>Keeps a name the lowering must not give a local or temporary.</summary>
    public void Reserve(string name) => names.Reserve(name);

    /// <summary>
    /// The body, then <c>sum = 0; for (i) sum += seed[i] * output[i]; return sum;</c>. A <c>return;</c>
    /// in the body returns <c>Dot(seed, output)</c>, the same sum; <see cref="WithoutVectorReturns"/>
    /// turns those back into plain exits for the code that runs the user's statements alone.
    /// </summary>
    public EquatableArray<Stmt> LowerVectorBody(IBlockOperation body, string output, string seed)
    {
        vectorSeed = seed;
        EquatableArray<Stmt> statements = LowerBody(body);
        vectorSeed = null;
        string sum = names.Allocate("seedTimesOutput");
        string row = names.Allocate("row");
        var note = new SourceNote("Σ seed[row] · " + output + "[row]: the pullback's seed applied to the output", 0);
        Expr term = E.Mul(new ElementRead(seed, new Variable(row, ValueKind.Int), ValueKind.Double), new ElementRead(output, new Variable(row, ValueKind.Int), ValueKind.Double));
        var loopBody = new Stmt[] { new AssignStatement(sum, E.Add(new Variable(sum, ValueKind.Double), term), note) }.ToEquatableArray();
        var all = new System.Collections.Generic.List<Stmt>(statements)
        {
            new AssignStatement(sum, Constant.Zero, note),
            new ForStatement(nextLoopId++, row, new IntConstant(0), new LengthOf(output), false, loopBody, EquatableArray<string>.Empty, note),
            new ReturnStatement(new Variable(sum, ValueKind.Double), note),
        };
        return all.ToEquatableArray();
    }
}

/// <summary>Vector-valued methods' early exits.</summary>
internal sealed partial class BodyLowerer
{
    /// <summary>
    /// A vector-valued method's own statements (before the seed sum) with every <c>return Dot(seed,
    /// output)</c> (a source <c>return;</c>) made <c>return 0</c>, then a final <c>return 0</c>: the
    /// program of the output alone, for forward mode and for inlining, where the return normaliser makes
    /// the exits single. Null when the statements have no early exit (nothing to normalise).
    /// </summary>
    internal static List<Stmt>? WithoutVectorReturns(IEnumerable<Stmt> userStatements)
    {
        List<Stmt> statements = userStatements.ToList();
        if (!StatementWalker.All(statements).Any(s => s is ReturnStatement))
        {
            return null;
        }

        List<Stmt> Plain(IEnumerable<Stmt> block) => block.Select(statement => statement switch
        {
            ReturnStatement r => r with { Value = Constant.Zero },
            IfStatement i => i with { Then = Plain(i.Then).ToEquatableArray(), Else = Plain(i.Else).ToEquatableArray() },
            ForStatement f => f with { Body = Plain(f.Body).ToEquatableArray() },
            _ => statement,
        }).ToList();
        List<Stmt> plain = Plain(statements);
        plain.Add(new ReturnStatement(Constant.Zero, SourceNote.None));
        return plain;
    }
}

/// <summary>Calls of vector-valued <c>[Differentiable]</c> methods as statements: <c>Pair(a, values);</c>.</summary>
internal sealed partial class BodyLowerer
{
    private static bool IsVectorCallStatement(IInvocationOperation invocation) =>
        Callees.CallGraph.IsDifferentiable(invocation.TargetMethod) && Analyzers.SignatureRules.VectorOutputOf(invocation.TargetMethod) is not null;

    /// <summary>
    /// Inlines the callee with its output bound to the caller's array (a local array, or the caller's
    /// own output). A callee of another assembly, or one that cannot be inlined here, is called as it is
    /// and differentiated through its pullback (<see cref="VectorCallStatement"/>) when the call is
    /// outside loops and its output is a new local array nothing touched before; otherwise SYMGRAD0021.
    /// </summary>
    private void LowerVectorCallStatement(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        string display = target.ContainingType.Name + "." + target.Name;
        if (Callees.CallGraph.Reaches(target, method, compilation, cancellationToken))
        {
            Report(Diagnostics.DiagnosticDescriptors.RecursiveCall, invocation.Syntax, method.Name);
            return;
        }

        int output = Analyzers.SignatureRules.VectorOutputOf(target)!.Ordinal;
        IOperation outputArgument = invocation.Arguments.First(a => a.Parameter?.Ordinal == output).Value;
        IOperation passed = outputArgument is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : outputArgument;
        bool writable = (passed is ILocalReferenceOperation local && MethodLowerer.ArrayKindOf(local.Type!) == ValueKind.DoubleArray)
            || (passed is IParameterReferenceOperation parameter && OutputParameter is not null && ParameterName(parameter.Parameter) == OutputParameter);
        if (!writable)
        {
            Report(Diagnostics.DiagnosticDescriptors.UnsupportedCallee, outputArgument.Syntax, OneLine(outputArgument.Syntax), "the output of a vector-valued method must be a local array (or the caller's own output span), passed by name");
            return;
        }

        Expr[] arguments = LowerArguments(invocation);
        EquatableArray<CalleeParameter> parameters = target.Parameters
            .Select(p => new CalleeParameter(p.Name, MethodLowerer.AnyKindOf(p.Type)!.Value, Analyzers.SignatureRules.IsDifferentiated(p)))
            .ToEquatableArray();
        bool sameProject = SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, compilation.Assembly);
        if (sameProject && !Callees.CallGraph.GradientIsGenerated(target, compilation, cancellationToken))
        {
            Report(Diagnostics.DiagnosticDescriptors.UnsupportedCallee, invocation.Syntax, display, "its own derivatives cannot be generated (see the diagnostics at '" + target.Name + "')");
            return;
        }

        if (sameProject && TryInlineVector(target, arguments, parameters, output))
        {
            return;
        }

        // Called as it is, differentiated through its pullback.
        string? problem = loopDepth > 0
            ? "it is called inside a loop (a call through its pullback must run once: call it before or after the loop)"
            : passed is not ILocalReferenceOperation fresh || !IsNewArray(fresh.Local) || TouchedBefore(fresh.Local, invocation)
                ? "its output must be a new local array ('new double[n]' or 'stackalloc') that nothing reads or writes before the call"
                : arguments.Where((_, i) => i != output).Any(a => Normalization.ExprRewriter.Reads(a, LocalName(fresh.Local)))
                ? "its output array is also one of its inputs (pass a copy)"
                : sameProject || CompiledPullbackExists(target) ? null : "its assembly has no '" + target.Name + "Pullback' (build that assembly with a SymGrad version that generates vector pullbacks)";
        if (problem is not null)
        {
            string why = sameProject
                ? "it could not be inlined here (a constant parameter receives a value with a derivative, it declares arrays and is called in a loop or branch, or the method would exceed " + MaxInlinedStatements.ToString(System.Globalization.CultureInfo.InvariantCulture) + " inlined statements), and " + problem
                : problem;
            Report(Diagnostics.DiagnosticDescriptors.UnsupportedCallee, invocation.Syntax, display, why);
            return;
        }

        string qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name;
        EquatableArray<CalleeParameter> inputs = parameters.Select((p, i) => i == output ? p with { Differentiated = false } : p).ToEquatableArray();
        var callee = new Callee(display, qualified, qualified + "Pullback", CalleeDerivative.Pullback, inputs);
        bool hasJacobian = sameProject || target.ContainingType.GetMembers(target.Name + "Jacobian").OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Parameters.Length == target.Parameters.Length + 1);
        current.Add(new VectorCallStatement(callee, arguments.ToEquatableArray(), LocalName(((ILocalReferenceOperation)passed).Local), NoteOf(invocation.Syntax.Parent ?? invocation.Syntax))
        {
            Jacobian = hasJacobian ? qualified + "Jacobian" : null,
        });
    }

    /// <summary>Whether the local array is declared with a new array (<c>new double[n]</c>, an initializer or <c>stackalloc</c>), never another array.</summary>
    private bool IsNewArray(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: var value }
        && value is Microsoft.CodeAnalysis.CSharp.Syntax.ArrayCreationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitArrayCreationExpressionSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.StackAllocArrayCreationExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitStackAllocArrayCreationExpressionSyntax;

    /// <summary>Whether the method mentions the local between its declaration and the call (a read or write the call's pullback would not see).</summary>
    private bool TouchedBefore(ILocalSymbol local, IInvocationOperation call)
    {
        SyntaxNode? declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        SyntaxNode? body = call.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>();
        if (declaration is null || body is null || call.SemanticModel is null)
        {
            return true;
        }

        return body.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>().Any(id =>
            id.Identifier.ValueText == local.Name && id.SpanStart > declaration.Span.End && id.SpanStart < call.Syntax.SpanStart
            && SymbolEqualityComparer.Default.Equals(call.SemanticModel.GetSymbolInfo(id, cancellationToken).Symbol, local));
    }

}
