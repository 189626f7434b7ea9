using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// Vector-mode tangents for the dense Hessian: the Hessian-vector product program rewritten to carry
/// <c>lanes</c> directions at once (<c>FHessianBlock</c>), so <c>FHessian</c> runs the primal and
/// gradient code once per block of up to <see cref="MaxLanes"/> columns instead of once per column, and
/// reads each data element once per block. The rewrite is mechanical and leaves the program's shape:
/// <list type="bullet">
/// <item>a tangent scalar <c>tz</c> becomes a span of <c>lanes</c> values (allocated once at the top
/// of the method by the emitter, see <see cref="GradientModel.LaneScalars"/>), read as <c>tz[lane]</c>;</item>
/// <item>a tangent array, direction or product output holds element i of lane l at <c>i * lanes + l</c>
/// (its length is <c>lanes</c> times the value's, and <c>Length</c> reads are divided back);</item>
/// <item>every statement that writes a tangent is wrapped in <c>for (lane ...)</c>, the one loop the
/// block adds; a statement popping the tangent tape runs its lanes in descending order, so the pops
/// meet the lanes' pushes in reverse;</item>
/// <item>primal and gradient statements stay as they are and run once per block; a primal part of a
/// tangent statement (<c>Sigmoid(z)</c>, <c>x[i * n + j]</c>) is computed once into a local before the
/// lane loop (never out of a <c>?:</c> branch, never a tape pop).</item>
/// </list>
/// <c>FHessian</c> passes unit vectors: lane l carries e_(first + l). A sum over a loop of a direction
/// times a value, <c>tz += v[j] * x[i * n + j]</c>, is then one term, the value at the lane's column:
/// such an accumulation (its target not otherwise touched in the loop, its value reading nothing the
/// loop writes) leaves the loop and becomes <c>if (column in range) tz[lane] += v[column] * x[i * n + column]</c>
/// (<see cref="UnitSums"/>), which turns the O(n) tangent of a dot product into O(1) per lane.
/// Each lane otherwise computes exactly the statements of one product, in the same order, so a column
/// of the block equals <c>FHessianVectorProduct</c> along that direction bit for bit wherever the data
/// is finite (the dropped terms are exact zeros, 0 · x, unless x is infinite or NaN). What the rewrite does not
/// cover (a whole-array function or a call reading a tangent array, two tangent pops in one statement)
/// leaves <c>FHessian</c> on one product per column.
/// </summary>
internal sealed class LaneTransform
{
    /// <summary>Directions per block: eight doubles fill a 512-bit register, and the scalar lane loops stay short.</summary>
    public const int MaxLanes = 8;

    private readonly HashSet<string> scalars;
    private readonly HashSet<string> arrays;
    private readonly Variable lanes;
    private readonly string lane;
    private readonly List<string> declared = new();
    private readonly NameAllocator names;
    private readonly Variable first;
    private readonly Dictionary<string, Expr> directionOffsets;

    private LaneTransform(HashSet<string> scalars, HashSet<string> arrays, Variable lanes, string lane, NameAllocator names, Variable first, Dictionary<string, Expr> directionOffsets)
    {
        this.scalars = scalars;
        this.arrays = arrays;
        this.lanes = lanes;
        this.lane = lane;
        this.names = names;
        this.first = first;
        this.directionOffsets = directionOffsets;
    }

    /// <summary>
    /// The block program of a Hessian-vector product, or null when the rewrite does not cover it.
    /// <paramref name="tangents"/> names every tangent the transform wrote (the directions and product
    /// outputs included); values computed from them are tangents too.
    /// </summary>
    public static GradientModel? Apply(GradientModel product, IEnumerable<string> tangents, NameAllocator names)
    {
        MethodModel method = product.Method;
        List<CodeStmt> all = CodeWalker.All(product.Forward);
        var arrays = new HashSet<string>(all.Select(s => s switch
        {
            CodeArrayDeclare a => a.Name,
            CodeArrayAllocate a => a.Name,
            CodeRentBuffer r => r.Name,
            _ => null,
        }).Where(n => n is not null).Select(n => n!));
        foreach (TangentName name in product.Directions.Concat(product.ProductOutputs))
        {
            if (method.Parameters.First(p => p.Name == name.Of).IsArray)
            {
                arrays.Add(name.Name);
            }
        }

        var tangent = new HashSet<string>(tangents);
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (CodeStmt statement in all)
            {
                if (Target(statement) is { } target && !tangent.Contains(target) && Value(statement) is { } value
                    && (ExprRewriter.VariablesAndArrays(value).Any(tangent.Contains) || PopsTangent(value) > 0))
                {
                    grew |= tangent.Add(target);
                }
            }
        }

        string lanesName = names.Allocate("lanes");
        string laneName = names.Allocate("lane");
        string firstName = names.Allocate("first");

        // Where each array direction starts in the flat vector of differentiated values (FHessian's columns).
        var offsets = new Dictionary<string, Expr>();
        Expr offset = new IntConstant(0);
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiated))
        {
            TangentName direction = product.Directions.First(d => d.Of == parameter.Name);
            offsets[direction.Name] = offset;
            Expr length = parameter.IsArray ? new LengthOf(parameter.Name) : new IntConstant(1);
            offset = offset is IntConstant { Value: 0 } ? length : new Binary(BinaryOperator.Add, offset, length, ValueKind.Int);
        }

        var transform = new LaneTransform(
            new HashSet<string>(tangent.Where(t => !arrays.Contains(t))),
            new HashSet<string>(tangent.Where(arrays.Contains)),
            new Variable(lanesName, ValueKind.Int),
            laneName,
            names,
            new Variable(firstName, ValueKind.Int),
            offsets.Where(o => arrays.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value));
        try
        {
            List<CodeStmt> code = transform.Block(product.Forward);
            return product with
            {
                Forward = code.ToEquatableArray(),
                Request = DerivativeRequest.HessianBlock,
                Lanes = lanesName,
                FirstColumn = firstName,
                LaneScalars = transform.declared.ToEquatableArray(),
            };
        }
        catch (TangentUnsupportedException)
        {
            return null;
        }
    }

    private static string? Target(CodeStmt statement) => statement switch
    {
        CodeDeclare d => d.Name,
        CodeAssign a => a.Name,
        CodeAddTo a => a.Name,
        _ => null,
    };

    private static Expr? Value(CodeStmt statement) => statement switch
    {
        CodeDeclare d => d.Value,
        CodeAssign a => a.Value,
        CodeAddTo a => a.Value,
        _ => null,
    };

    private static int PopsTangent(Expr expr)
    {
        int pops = 0;
        ExprRewriter.Rewrite(expr, e =>
        {
            pops += e is TapePop { Tangent: true } ? 1 : 0;
            return e;
        });
        return pops;
    }

    private bool IsTangent(string name) => scalars.Contains(name) || arrays.Contains(name);

    private bool ReadsTangent(Expr expr) => ExprRewriter.VariablesAndArrays(expr).Any(IsTangent) || PopsTangent(expr) > 0;

    private List<CodeStmt> Block(IEnumerable<CodeStmt> block)
    {
        var output = new List<CodeStmt>();
        foreach (CodeStmt statement in block)
        {
            if (statement is CodeFor loop && UnitSums(loop) is { Count: > 0 } sums)
            {
                output.Add(Statement(loop with { Body = loop.Body.Where(s => !sums.Contains(s)).ToEquatableArray() }, output));
                output.Add(new CodeComment("The loop's sums over a unit direction: each lane's one term, at the column it carries."));
                output.AddRange(sums.Select(s => OneTerm(loop, (CodeAddTo)s)));
                continue;
            }

            output.Add(Statement(statement, output));
        }

        return output;
    }

    /// <summary>
    /// The loop's accumulations <c>t += v[j] * value</c> (or <c>value * v[j]</c>) of a tangent scalar t
    /// over an array direction v at the loop's counter j, where nothing else in the loop touches t and
    /// the value reads nothing the loop writes: with unit directions, one term each.
    /// </summary>
    private List<CodeStmt> UnitSums(CodeFor loop)
    {
        var sums = new List<CodeStmt>();
        if (loop.Descending || loop.Exit is not null)
        {
            return sums;
        }

        List<CodeStmt> body = CodeWalker.All(loop.Body);
        var written = new HashSet<string>(body.Select(Target).Where(t => t is not null).Select(t => t!)) { loop.Counter };
        written.UnionWith(CodeWalker.DeclaredNames(loop.Body));
        written.UnionWith(body.OfType<CodeClear>().Select(c => c.Name));
        written.UnionWith(body.OfType<CodeInvoke>().SelectMany(c => c.Arguments).SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
        if (ExprRewriter.VariablesAndArrays(loop.Start).Concat(ExprRewriter.VariablesAndArrays(loop.End)).Any(written.Contains))
        {
            return sums;
        }

        foreach (CodeStmt statement in loop.Body)
        {
            if (statement is CodeAddTo { Index: null } add && scalars.Contains(add.Name) && DirectionTerm(add.Value, loop.Counter) is { } value
                && !ExprRewriter.VariablesAndArrays(value).Any(n => n != loop.Counter && written.Contains(n))
                && !ReadsTangent(value)
                && body.Count(s => Target(s) == add.Name || (Value(s) is { } read && ExprRewriter.Reads(read, add.Name))) == 1)
            {
                sums.Add(statement);
            }
        }

        return sums;
    }

    /// <summary>The value multiplying <c>v[counter]</c> for an array direction v, or null.</summary>
    private Expr? DirectionTerm(Expr value, string counter)
    {
        bool IsDirection(Expr e) => e is ElementRead { Index: Variable index } read && index.Name == counter && directionOffsets.ContainsKey(read.Array);
        return value switch
        {
            Binary { Operator: BinaryOperator.Multiply } b when IsDirection(b.Left) && !ExprRewriter.VariablesAndArrays(b.Right).Any(directionOffsets.ContainsKey) => b.Right,
            Binary { Operator: BinaryOperator.Multiply } b when IsDirection(b.Right) && !ExprRewriter.VariablesAndArrays(b.Left).Any(directionOffsets.ContainsKey) => b.Left,
            _ => null,
        };
    }

    /// <summary>
    /// <c>t += v[j] * value</c> summed over the loop, for unit directions: per lane, the column the lane
    /// carries within v, and when the loop reaches it, its one term <c>v[column] * value(column)</c>.
    /// </summary>
    private CodeStmt OneTerm(CodeFor loop, CodeAddTo add)
    {
        var term = (Binary)add.Value;
        ElementRead direction = (ElementRead)(term.Left is ElementRead { Index: Variable i } l && i.Name == loop.Counter && directionOffsets.ContainsKey(l.Array) ? term.Left : term.Right);
        var column = new Variable(names.Allocate("column"), ValueKind.Int);
        var laneIndex = new Variable(lane, ValueKind.Int);
        Expr lanesColumn = new Binary(BinaryOperator.Add, first, laneIndex, ValueKind.Int);
        Expr columnValue = directionOffsets[direction.Array] is IntConstant { Value: 0 } ? lanesColumn : new Binary(BinaryOperator.Subtract, lanesColumn, directionOffsets[direction.Array], ValueKind.Int);
        var atColumn = new Dictionary<string, string> { [loop.Counter] = column.Name };
        Expr value = ExprRewriter.Rename(DirectionTerm(add.Value, loop.Counter)!, atColumn);
        Expr one = new ElementRead(direction.Array, new Binary(BinaryOperator.Add, Times(column), laneIndex, ValueKind.Int), ValueKind.Double);
        Expr inRange = new Binary(
            BinaryOperator.And,
            new Binary(BinaryOperator.GreaterOrEqual, column, loop.Start, ValueKind.Bool),
            new Binary(BinaryOperator.Less, column, loop.End, ValueKind.Bool),
            ValueKind.Bool);
        var body = new CodeStmt[]
        {
            new CodeDeclare(column.Name, ValueKind.Int, columnValue),
            new CodeIf(inRange, new CodeStmt[] { new CodeAddTo(add.Name, new Binary(BinaryOperator.Multiply, one, value, ValueKind.Double), laneIndex) }.ToEquatableArray(), EquatableArray<CodeStmt>.Empty),
        };
        return new CodeFor(lane, new IntConstant(0), lanes, false, body.ToEquatableArray());
    }

    /// <summary>The statement's lane form; a tangent statement's hoisted primal parts go to <paramref name="before"/> first.</summary>
    private CodeStmt Statement(CodeStmt statement, List<CodeStmt> before)
    {
        switch (statement)
        {
            case CodeDeclare d when IsTangent(d.Name):
                // Two declarations of one name are in disjoint scopes (C# allows no other), so they share one span.
                if (!declared.Contains(d.Name))
                {
                    declared.Add(d.Name);
                }

                return PerLane(new CodeAssign(d.Name, Lanes(Hoist(d.Value, before)), new Variable(lane, ValueKind.Int)), d.Value);
            case CodeAssign a when IsTangent(a.Name):
                return PerLane(new CodeAssign(a.Name, Lanes(Hoist(a.Value, before)), Index(a.Name, a.Index)), a.Value);
            case CodeAddTo a when IsTangent(a.Name):
                return PerLane(new CodeAddTo(a.Name, Lanes(Hoist(a.Value, before)), Index(a.Name, a.Index)), a.Value);
            case CodeTapePush { Tangent: true } push:
                return PerLane(push with { Value = Lanes(Hoist(push.Value, before)) }, push.Value);
            case CodeArrayDeclare a when IsTangent(a.Name):
                return a with { Length = Times(a.Length) };
            case CodeArrayAllocate a when IsTangent(a.Name):
                return a with { Length = Times(a.Length) };
            case CodeRentBuffer r when IsTangent(r.Name):
                return r with { Length = Times(r.Length) };
            case CodeFor loop:
                Primal(loop.Start, loop.End, loop.Exit);
                return loop with { Body = Block(loop.Body).ToEquatableArray() };
            case CodeIf branch:
                return branch with { Condition = LaneCondition(branch), Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() };
            case CodeInvoke call:
                Primal(call.Arguments.Select(a => a.Value).ToArray());
                return call;
            default:
                Primal(Value(statement), (statement as CodeAssign)?.Index, (statement as CodeAddTo)?.Index, (statement as CodeTapePush)?.Value, (statement as CodeFailWhen)?.Condition);
                return statement;
        }
    }

    /// <summary>
    /// The value with each largest part that reads no tangent (and pops nothing) computed once into a
    /// local declared in <paramref name="before"/>: the lane loop then reads the local. Parts of a
    /// <c>?:</c> branch stay, as they may be evaluated only when the branch is taken.
    /// </summary>
    private Expr Hoist(Expr value, List<CodeStmt> before)
    {
        if (!ReadsTangent(value))
        {
            return value; // a tangent that is a primal expression (a constant 0, say) is cheap as written
        }

        return Inner(value);

        Expr Inner(Expr e)
        {
            if (!ReadsTangent(e) && e.Kind == ValueKind.Double && e is Binary or Call or ElementRead or Unary or VectorCall)
            {
                string name = names.Allocate(e is ElementRead read ? read.Array.TrimStart('@') + "Element" : Names.StemOf(e));
                before.Add(new CodeDeclare(name, ValueKind.Double, e));
                return new Variable(name, ValueKind.Double);
            }

            return e switch
            {
                Unary u => u with { Operand = Inner(u.Operand) },
                Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => b with { Left = Inner(b.Left) }, // the right side may not run
                Binary b => b with { Left = Inner(b.Left), Right = Inner(b.Right) },
                Call c => c with { First = Inner(c.First), Second = c.Second is null ? null : Inner(c.Second) },
                Select s => s with { Condition = Inner(s.Condition) },
                _ => e,
            };
        }
    }

    /// <summary>Primal code must not read a tangent: the block runs it once for every lane.</summary>
    /// <summary>
    /// A branch's condition, which reads no tangent, except a zero guard widened by the tangent program
    /// (<c>dV != 0.0 || tdV != 0.0</c>): there the block runs when any lane's tangent is not 0.
    /// </summary>
    private Expr LaneCondition(CodeIf branch)
    {
        if (branch.ZeroGuard && branch.Condition is Binary { Operator: BinaryOperator.Or, Left: { } adjoint, Right: Binary { Operator: BinaryOperator.NotEqual, Left: Variable tangent, Right: Constant { Value: 0.0 } } }
            && scalars.Contains(tangent.Name))
        {
            Primal(adjoint);
            return new Binary(BinaryOperator.Or, adjoint, new Opaque("global::SymGrad.TangentLanes.AnyNonZero(" + tangent.Name + ")", ValueKind.Bool), ValueKind.Bool);
        }

        Primal(branch.Condition);
        return branch.Condition;
    }

    private void Primal(params Expr?[] expressions)
    {
        if (expressions.Any(e => e is not null && ReadsTangent(e)))
        {
            throw new TangentUnsupportedException("primal code reading a tangent");
        }
    }

    /// <summary>The statement once per lane: descending when it pops the tangent tape, so pops meet pushes in reverse.</summary>
    private CodeFor PerLane(CodeStmt statement, Expr original)
    {
        int pops = PopsTangent(original);
        if (pops > 1)
        {
            throw new TangentUnsupportedException("two tangent pops in one statement");
        }

        var body = new[] { statement }.ToEquatableArray();
        return pops == 0
            ? new CodeFor(lane, new IntConstant(0), lanes, false, body)
            : new CodeFor(lane, new Binary(BinaryOperator.Subtract, lanes, new IntConstant(1), ValueKind.Int), new IntConstant(0), true, body);
    }

    private Expr Index(string name, Expr? index) => scalars.Contains(name)
        ? new Variable(lane, ValueKind.Int)
        : new Binary(BinaryOperator.Add, Times(index!), new Variable(lane, ValueKind.Int), ValueKind.Int);

    private Expr Times(Expr length) => new Binary(BinaryOperator.Multiply, length, lanes, ValueKind.Int);

    /// <summary>A tangent expression with each tangent read in the current lane.</summary>
    private Expr Lanes(Expr expr) => ExprRewriter.Rewrite(expr, e => e switch
    {
        Variable v when scalars.Contains(v.Name) => new ElementRead(v.Name, new Variable(lane, ValueKind.Int), ValueKind.Double),
        ElementRead r when arrays.Contains(r.Array) => r with { Index = new Binary(BinaryOperator.Add, Times(r.Index), new Variable(lane, ValueKind.Int), ValueKind.Int) },
        LengthOf l when arrays.Contains(l.Array) => new Binary(BinaryOperator.Divide, l, lanes, ValueKind.Int),
        VectorCall c when IsTangent(c.First) || (c.Second is not null && IsTangent(c.Second)) => throw new TangentUnsupportedException("a whole-array function of a tangent"),
        MatrixRead m when arrays.Contains(m.Array) => throw new TangentUnsupportedException("a matrix of tangents"),
        _ => e,
    });
}
