using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Inlining of <c>[Differentiable]</c> callees of the same compilation (docs/composition.md). The
/// callee's body is lowered on its own, its returns normalised, every name and loop renamed fresh in
/// the caller, and its parameters bound: scalars to temporaries holding the arguments, arrays to the
/// caller's arrays by name. The caller is then differentiated as if it had been written out, so a
/// call costs what the pasted code costs (a pullback call would run the callee's forward pass twice).
/// The pullback is used instead when inlining would change the result or grow the code too much:
/// a <c>[NoDerivative]</c> parameter receiving a value that may carry a derivative (the pullback
/// treats it as a constant, the pasted code would not), a callee with local arrays called inside a
/// loop or branch, or more than <see cref="MaxInlinedStatements"/> statements inlined into one method.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>Statements (counted through nested blocks) one method may receive from inlined callees.</summary>
    internal const int MaxInlinedStatements = 600;

    /// <summary>Turned off by tests that compare inlined calls with pullback calls.</summary>
    [System.ThreadStatic]
    internal static bool InliningDisabled;

    private int inlinedStatements;

    private Expr? TryInline(IMethodSymbol callee, Expr[] arguments, EquatableArray<CalleeParameter> parameters)
    {
        if (!CanInline(callee, arguments, parameters, output: null) || LowerCalleeBody(callee) is not { } lowered)
        {
            return null;
        }

        (List<Stmt> body, string result, List<string> names) = lowered;
        return Inline(callee, arguments, parameters, body, names) is { } scalars ? new Variable(scalars[result], ValueKind.Double) : null;
    }

    /// <summary>
    /// A call statement of a vector-valued callee of this compilation: its own statements (without the
    /// seed sum of its pullback), with its output span bound to the caller's array.
    /// </summary>
    private bool TryInlineVector(IMethodSymbol callee, Expr[] arguments, EquatableArray<CalleeParameter> parameters, int output)
    {
        if (!CanInline(callee, arguments, parameters, output)
            || Callees.CallGraph.Lowered(callee, compilation, cancellationToken) is not { Vector: { } vector } model
            || CallsThroughVectorPullbacks(model.Body))
        {
            return false;
        }

        List<Stmt> body = model.Body.Take(vector.UserStatements).ToList();
        if (WithoutVectorReturns(body) is { } exits)
        {
            // return; in the callee: its exits made single, the dummy result unread.
            var calleeNames = new NameAllocator(model.LocalNames.Concat(model.Parameters.Select(p => p.Name)));
            body = ReturnNormalizer.Normalize(exits.ToEquatableArray(), calleeNames.Allocate("exited"), calleeNames).ToList();
        }

        var used = new HashSet<string>();
        new IrRenamer(s => { used.Add(s); return s; }, a => { used.Add(a); return a; }, id => id, n => n).Rename(body);
        used.UnionWith(model.Parameters.Where(p => p.Name != vector.Seed).Select(p => p.Name));
        return Inline(callee, arguments, parameters, body, used.OrderBy(n => n, System.StringComparer.Ordinal).ToList()) is not null;
    }

    /// <summary>Whether pasting the callee gives what its pullback would: every constant parameter receives a constant (the output excepted).</summary>
    private bool CanInline(IMethodSymbol callee, Expr[] arguments, EquatableArray<CalleeParameter> parameters, int? output)
    {
        if (InliningDisabled || !SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            if (i != output && !parameters[i].Differentiated && parameters[i].Kind is ValueKind.Double or ValueKind.DoubleArray && !CarriesNoDerivative(arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Binds the callee's parameters, renames its names and loops fresh, appends it; null when it would grow the method too much.</summary>
    private Dictionary<string, string>? Inline(IMethodSymbol callee, Expr[] arguments, EquatableArray<CalleeParameter> parameters, List<Stmt> body, List<string> names)
    {
        int size = CountStatements(body);
        if ((loopDepth > 0 || branchDepth > 0) && DeclaresArrays(body) || inlinedStatements + size > MaxInlinedStatements)
        {
            return null;
        }

        inlinedStatements += size;
        var scalars = new Dictionary<string, string>();
        var arrays = new Dictionary<string, string>();
        var bindings = new List<Stmt>();
        var values = new Dictionary<string, Expr>();
        string calleeName = callee.Name;
        for (int i = 0; i < parameters.Count; i++)
        {
            string parameter = ParameterName(callee.Parameters[i]);
            if (arguments[i] is ArrayArgument array)
            {
                arrays[parameter] = array.Array;
            }
            else if (arguments[i] is Constant or IntConstant or BoolConstant && !AssignsTo(body, parameter))
            {
                // A constant passed to a parameter the callee never assigns: the callee reads the constant.
                values[parameter] = arguments[i];
            }
            else if (arguments[i] is Variable variable && !AssignsTo(body, parameter))
            {
                // A variable passed to a parameter the callee never assigns: the callee reads the caller's variable.
                scalars[parameter] = variable.Name;
            }
            else
            {
                string bound = this.names.Allocate(parameter.TrimStart('@'));
                scalars[parameter] = bound;
                bindings.Add(new AssignStatement(bound, arguments[i], new SourceNote(bound + " = argument '" + parameter + "' of " + calleeName, 0)));
            }
        }

        foreach (string name in names)
        {
            if (!scalars.ContainsKey(name) && !arrays.ContainsKey(name) && !values.ContainsKey(name))
            {
                string fresh = this.names.Allocate(name.TrimStart('@'));
                scalars[name] = fresh;
                arrays[name] = fresh;
            }
        }

        var loopIds = new Dictionary<int, int>();
        var renamer = new IrRenamer(
            s => scalars.TryGetValue(s, out string? r) ? r : s,
            a => arrays.TryGetValue(a, out string? r) ? r : a,
            id => loopIds.TryGetValue(id, out int renumbered) ? renumbered : loopIds[id] = nextLoopId++,
            note => note.Line > 0 && note.InMethod is null ? note with { InMethod = calleeName } : note,
            values);
        current.AddRange(bindings);
        current.AddRange(renamer.Rename(body));
        return scalars;
    }

    /// <summary>
    /// The callee's body with a single exit, its result's name, and every name it uses (parameters
    /// included), from the model lowered once per compilation for the check that its gradient exists.
    /// </summary>
    private (List<Stmt> Body, string Result, List<string> Names)? LowerCalleeBody(IMethodSymbol callee)
    {
        if (Callees.CallGraph.Lowered(callee, compilation, cancellationToken) is not { } model || CallsThroughVectorPullbacks(model.Body))
        {
            return null;
        }

        var calleeNames = new NameAllocator(model.LocalNames.Concat(model.Parameters.Select(p => p.Name)));
        string result = calleeNames.Allocate(callee.Name.Length > 0 ? char.ToLowerInvariant(callee.Name[0]) + callee.Name.Substring(1) : "result");
        EquatableArray<Stmt> singleExit = ReturnNormalizer.Normalize(model.Body, result, calleeNames);
        var used = new HashSet<string> { result };
        new IrRenamer(s => { used.Add(s); return s; }, a => { used.Add(a); return a; }, id => id, n => n).Rename(singleExit);
        return (singleExit.ToList(), result, used.OrderBy(n => n, System.StringComparer.Ordinal).ToList());
    }

    /// <summary>A body with a call through a vector pullback stays a call: pasted into a loop, that call would run more than once.</summary>
    private static bool CallsThroughVectorPullbacks(IEnumerable<Stmt> body) => StatementWalker.All(body).OfType<VectorCallStatement>().Any();

    private static bool AssignsTo(IEnumerable<Stmt> block, string name) =>
        StatementWalker.All(block).Any(statement => statement is AssignStatement a && a.Target == name || statement is ForStatement f && f.Counter == name);

    private static int CountStatements(IEnumerable<Stmt> block) => StatementWalker.All(block).Count;

    private static bool DeclaresArrays(IEnumerable<Stmt> block) => StatementWalker.All(block).OfType<ArrayDeclareStatement>().Any();
}
