using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// Forward mode as a program transformation of generated code: every statement that writes a value
/// with a tangent is paired with one that writes the tangent (<c>double tz = ...;</c> beside
/// <c>double z = ...;</c>). Applied to the primal program it gives <c>FTangent</c>; applied to the
/// gradient (forward and reverse sweep together) it gives the tangent of the gradient, the
/// Hessian-vector product (forward over reverse). The rules:
/// <list type="bullet">
/// <item>a declaration's tangent comes right after it, so a rule may read the node's own value
/// (<c>t(exp(a)) = exp * ta</c>); an assignment that reads its own target, an element write and an
/// addition <c>+=</c> take their tangent first, from the old values;</item>
/// <item>local arrays, rented buffers and clears get tangent twins, returned with them;</item>
/// <item>a value pushed on the tape has its tangent pushed on a tangent tape, popped in the same order.</item>
/// </list>
/// Names without a tangent (<see cref="TangentActivity"/>) get no code.
/// </summary>
internal sealed class TangentTransform
{
    private readonly HashSet<string> active;
    private readonly Dictionary<string, string> tangentNames;
    private readonly NameAllocator names;
    private readonly TangentExpressions expressions;
    private readonly Dictionary<string, string> tangentBuffers = new();

    private TangentTransform(HashSet<string> active, Dictionary<string, string> tangentNames, NameAllocator names)
    {
        this.active = active;
        this.tangentNames = tangentNames;
        this.names = names;
        foreach (string name in active.Where(n => !tangentNames.ContainsKey(n)).OrderBy(n => n, System.StringComparer.Ordinal))
        {
            tangentNames[name] = names.Allocate("t" + name.TrimStart('@'));
        }

        expressions = new TangentExpressions(active, tangentNames, names);
    }

    /// <summary>Whether the program pushes tangents (the method needs a tangent tape).</summary>
    public bool UsesTangentTape { get; private set; }

    public IReadOnlyDictionary<string, string> TangentNames => tangentNames;

    /// <summary>
    /// The tangent program of <paramref name="program"/>. <paramref name="seeds"/> maps each name whose
    /// tangent is given (a parameter and its direction, a gradient output and the output receiving its
    /// tangent) to the tangent's name; every other tangent is named after its value.
    /// </summary>
    public static (List<CodeStmt> Code, TangentTransform Transform) Apply(IReadOnlyList<CodeStmt> program, IReadOnlyDictionary<string, string> seeds, IEnumerable<string> activeSeeds, NameAllocator names)
    {
        HashSet<string> active = TangentActivity.Compute(program, activeSeeds);
        var tangentNames = new Dictionary<string, string>(seeds.Where(s => active.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value));
        var transform = new TangentTransform(active, tangentNames, names);
        return (transform.Block(program), transform);
    }

    /// <summary>The tangent of a name (null when it has none).</summary>
    public Expr? TangentOf(string name) => active.Contains(name) ? new Variable(tangentNames[name], ValueKind.Double) : null;

    private List<CodeStmt> Block(IEnumerable<CodeStmt> block)
    {
        var output = new List<CodeStmt>();
        foreach (CodeStmt statement in block)
        {
            Statement(statement, output);
        }

        return output;
    }

    private void Statement(CodeStmt statement, List<CodeStmt> output)
    {
        switch (statement)
        {
            case CodeDeclare declare when active.Contains(declare.Name):
                output.Add(declare);
                Expr? declared = Tangent(declare.Value, new Variable(declare.Name, ValueKind.Double), output);
                output.Add(new CodeDeclare(tangentNames[declare.Name], ValueKind.Double, declared ?? Constant.Zero));
                break;
            case CodeAssign { Index: null } assign when active.Contains(assign.Name) && !ExprRewriter.ReadsAny(assign.Value, new HashSet<string> { assign.Name }):
                output.Add(assign);
                Expr? assigned = Tangent(assign.Value, new Variable(assign.Name, ValueKind.Double), output);
                output.Add(new CodeAssign(tangentNames[assign.Name], assigned ?? Constant.Zero));
                break;
            case CodeAssign { Index: null } assign when active.Contains(assign.Name) && NeedsOwnValue(assign.Value):
                // h = tanh(a * h + u): the new value is named first, so its tangent can read it before h changes.
                string next = names.Allocate(Names.StemOf(assign.Value));
                output.Add(new CodeDeclare(next, ValueKind.Double, assign.Value));
                output.Add(new CodeAssign(tangentNames[assign.Name], Tangent(assign.Value, new Variable(next, ValueKind.Double), output) ?? Constant.Zero));
                output.Add(assign with { Value = new Variable(next, ValueKind.Double) });
                break;
            case CodeAssign assign when active.Contains(assign.Name):
                output.Add(new CodeAssign(tangentNames[assign.Name], Tangent(assign.Value, null, output) ?? Constant.Zero, assign.Index));
                output.Add(assign);
                break;
            case CodeAddTo add when active.Contains(add.Name):
                if (Tangent(add.Value, null, output) is { } added)
                {
                    output.Add(new CodeAddTo(tangentNames[add.Name], added, add.Index));
                }

                output.Add(add);
                break;
            case CodeFor loop:
                output.Add(loop with { Body = Block(loop.Body).ToEquatableArray() });
                break;
            case CodeIf branch:
                output.Add(branch with { Condition = GuardCondition(branch, output), Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() });
                break;
            case CodeTapePush { Value.Kind: ValueKind.Double } push:
                output.Add(push);
                output.Add(new CodeTapePush(Tangent(push.Value, null, output) ?? Constant.Zero, Tangent: true));
                UsesTangentTape = true;
                break;
            case CodeArrayDeclare array when active.Contains(array.Name):
                output.Add(array);
                output.Add(array with { Name = tangentNames[array.Name] });
                break;
            case CodeArrayAllocate allocate when active.Contains(allocate.Name):
                output.Add(allocate);
                output.Add(allocate with { Name = tangentNames[allocate.Name] });
                break;
            case CodeRentBuffer rent when active.Contains(rent.Name):
                output.Add(rent);
                output.Add(rent with { Name = tangentNames[rent.Name], BufferName = TangentBuffer(rent) });
                break;
            case CodeClear clear when active.Contains(clear.Name):
                output.Add(clear);
                output.Add(new CodeClear(tangentNames[clear.Name]));
                break;
            case CodeReturnBuffer returned when tangentBuffers.TryGetValue(returned.BufferName, out string? tangentBuffer):
                output.Add(returned);
                output.Add(new CodeReturnBuffer(tangentBuffer));
                break;
            case CodeInvoke { VectorOutput: { } written } call when active.Contains(written):
                output.Add(call);
                VectorCallTangent(call, written, output);
                break;
            case CodeInvoke invoke when invoke.Arguments.Any(a => a.Passing is Passing.Ref or Passing.OutDeclare && active.Contains(((Variable)a.Value).Name)):
                throw new TangentUnsupportedException(SecondOrderOf(invoke.Method));
            case CodeInvoke invoke when invoke.Arguments.All(a => a.Passing == Passing.Value) && invoke.Arguments.Any(a => ExprRewriter.VariablesAndArrays(a.Value).Any(active.Contains)):
                // A vector-valued method called through its pullback (or a pullback adding into spans only): compiled first-order code.
                throw new TangentUnsupportedException(invoke.Method.EndsWith("Pullback", System.StringComparison.Ordinal)
                    ? SecondOrderOf(invoke.Method)
                    : "the call of '" + ShortName(invoke.Method) + "', a vector-valued method called as written");
            default:
                output.Add(statement);
                break;
        }
    }

    /// <summary>
    /// The tangent of a vector-valued call's output: the callee's Jacobian (its <c>{Name}Jacobian</c>,
    /// columns in parameter order) times the tangents of its differentiated arguments, row by row.
    /// </summary>
    private void VectorCallTangent(CodeInvoke call, string written, List<CodeStmt> output)
    {
        Callee callee = call.VectorCallee!;
        if (call.VectorJacobian is null)
        {
            throw new TangentUnsupportedException("the call of '" + callee.DisplayName + "', a vector-valued method whose assembly has no '" + Names.ShortName(callee.DisplayName) + "Jacobian' (rebuild it with this SymGrad)");
        }

        // Each differentiated argument: its tangent (scalars named once, before the rows) and where its columns start.
        var columns = new List<(Expr Offset, Expr? Tangent, string? Array)>();
        Expr width = new IntConstant(0);
        output.Add(new CodeComment("The tangent of " + written + ", written by " + callee.DisplayName + ": its Jacobian times the tangents of the arguments."));
        for (int i = 0; i < callee.Parameters.Count; i++)
        {
            if (!callee.Parameters[i].Differentiated)
            {
                continue;
            }

            Expr argument = call.Arguments[i].Value;
            if (argument is ArrayArgument array)
            {
                columns.Add((width, null, active.Contains(array.Array) ? array.Array : null));
                width = Sum(width, new LengthOf(array.Array));
                continue;
            }

            Expr? tangent = Tangent(argument, null, output);
            if (tangent is not null and not Variable and not Constant)
            {
                string named = names.Allocate("t" + Names.Capitalize(callee.Parameters[i].Name));
                output.Add(new CodeDeclare(named, ValueKind.Double, tangent));
                tangent = new Variable(named, ValueKind.Double);
            }

            columns.Add((width, tangent, null));
            width = Sum(width, new IntConstant(1));
        }

        string jacobian = names.Allocate("jacobian");
        string buffer = names.Allocate(jacobian + "Buffer");
        output.Add(new CodeRentBuffer(jacobian, buffer, new Binary(BinaryOperator.Multiply, new LengthOf(written), width, ValueKind.Int)));
        output.Add(new CodeInvoke(call.VectorJacobian, call.Arguments.Append(new CodeArgument(new Variable(jacobian, ValueKind.DoubleArray))).ToEquatableArray()));
        var row = new Variable(names.Allocate("row"), ValueKind.Int);
        var sum = new Variable(names.Allocate("sum"), ValueKind.Double);
        Expr rowStart = new Binary(BinaryOperator.Multiply, row, width, ValueKind.Int);
        var body = new List<CodeStmt> { new CodeDeclare(sum.Name, ValueKind.Double, Constant.Zero) };
        foreach ((Expr offset, Expr? tangent, string? array) in columns)
        {
            Expr start = Sum(rowStart, offset);
            if (tangent is not null)
            {
                body.Add(new CodeAddTo(sum.Name, new Binary(BinaryOperator.Multiply, new ElementRead(jacobian, start, ValueKind.Double), tangent, ValueKind.Double)));
            }
            else if (array is not null)
            {
                var k = new Variable(names.Allocate("k"), ValueKind.Int);
                Expr term = new Binary(BinaryOperator.Multiply, new ElementRead(jacobian, Sum(start, k), ValueKind.Double), new ElementRead(tangentNames[array], k, ValueKind.Double), ValueKind.Double);
                body.Add(new CodeFor(k.Name, new IntConstant(0), new LengthOf(array), false, new CodeStmt[] { new CodeAddTo(sum.Name, term) }.ToEquatableArray()));
            }
        }

        body.Add(new CodeAssign(tangentNames[written], sum, row));
        output.Add(new CodeFor(row.Name, new IntConstant(0), new LengthOf(written), false, body.ToEquatableArray()));
        output.Add(new CodeReturnBuffer(buffer));
    }

    private static Expr Sum(Expr left, Expr right) => left is IntConstant { Value: 0 } ? right : new Binary(BinaryOperator.Add, left, right, ValueKind.Int);

    private static string ShortName(string method)
    {
        string[] parts = method.Replace("global::", string.Empty).Split('.');
        return parts.Length > 1 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : parts[0];
    }

    /// <summary>Why the gradient's call of a derivative method has no tangent: it is first-order code forward mode cannot read.</summary>
    private static string SecondOrderOf(string derivativeMethod)
    {
        string shortName = ShortName(derivativeMethod);
        return shortName.EndsWith("Pullback", System.StringComparison.Ordinal)
            ? "the call of '" + shortName.Substring(0, shortName.Length - "Pullback".Length) + "' through its pullback (a call that is not inlined, to a [Differentiable] method of another assembly or one too large or called where it cannot be inlined, runs first-order code forward mode cannot differentiate)"
            : "the custom derivative '" + shortName + "' (a [DerivativeOf] method gives first derivatives only; the Hessian needs a second-order rule)";
    }

    /// <summary>Whether the rule of the value's root reads the root's own value (exp, tanh, sigmoid, sqrt).</summary>
    private static bool NeedsOwnValue(Expr value)
    {
        (Expr? first, Expr? second) = Rules.RuleTable.OperandsOf(value);
        return (Rules.RuleTable.Needs(value, first is not null, second is not null) & Rules.NeededValues.Self) != 0;
    }

    /// <summary>
    /// A zero guard's condition in the tangent program: <c>dV != 0.0 || tdV != 0.0</c>. An adjoint that is 0 by value (a
    /// weight at 0) can have a tangent that is not, and the tangent code inside the guard adds it; where the adjoint is
    /// 0 because the path taken does not use the value, its tangent is 0 too and the guard still keeps 0 * Inf out.
    /// </summary>
    private Expr GuardCondition(CodeIf branch, List<CodeStmt> output)
    {
        if (!branch.ZeroGuard || branch.Condition is not Binary { Operator: BinaryOperator.NotEqual, Right: Constant { Value: 0.0 } } test
            || Tangent(test.Left, null, output) is not { } tangent)
        {
            return branch.Condition;
        }

        return new Binary(BinaryOperator.Or, branch.Condition, E.Compare(BinaryOperator.NotEqual, tangent, Constant.Zero), ValueKind.Bool);
    }

    /// <summary>The tangent of a value; loops a vector function needs go to <paramref name="output"/> first.</summary>
    private Expr? Tangent(Expr value, Expr? self, List<CodeStmt> output)
    {
        Expr? tangent = expressions.Of(value, self);
        output.AddRange(expressions.Before);
        expressions.Before.Clear();
        return tangent;
    }

    /// <summary>The pooled array behind a tangent buffer; a buffer declared before a branch and rented in it keeps one name.</summary>
    private string TangentBuffer(CodeRentBuffer rent)
    {
        if (!tangentBuffers.TryGetValue(rent.BufferName, out string? buffer))
        {
            buffer = names.Allocate(tangentNames[rent.Name] + "Buffer");
            tangentBuffers[rent.BufferName] = buffer;
        }

        return buffer;
    }

    /// <summary>The tangent buffer of a rented buffer of the primal program.</summary>
    public string? TangentBufferOf(string buffer) => tangentBuffers.TryGetValue(buffer, out string? tangent) ? tangent : null;
}
