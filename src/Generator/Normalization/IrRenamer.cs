using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Renames every name of a statement block: scalars (assignment targets, reads, loop counters and
/// carried variables), arrays (declarations, element reads and writes, lengths, whole-array
/// arguments), loop ids and source notes. Inlining a callee uses it to give the callee's names and
/// loops fresh identities in the caller.
/// </summary>
internal sealed class IrRenamer
{
    private readonly Func<string, string> scalar;
    private readonly Func<string, string> array;
    private readonly Func<int, int> loopId;
    private readonly Func<SourceNote, SourceNote> note;
    private readonly IReadOnlyDictionary<string, Expr> values;

    /// <param name="values">Variables replaced by a value where they are read (a constant argument bound to a parameter the callee never assigns).</param>
    public IrRenamer(Func<string, string> scalar, Func<string, string> array, Func<int, int> loopId, Func<SourceNote, SourceNote> note, IReadOnlyDictionary<string, Expr>? values = null)
    {
        this.scalar = scalar;
        this.array = array;
        this.loopId = loopId;
        this.note = note;
        this.values = values ?? new Dictionary<string, Expr>();
    }

    public List<Stmt> Rename(IEnumerable<Stmt> block) => block.Select(Rename).ToList();

    public Expr Rename(Expr expr) => ExprRewriter.Rewrite(expr, node => values.Count > 0 && node is Binary { ResultKind: ValueKind.Int } integer ? FoldSubstituted(integer) : node switch
    {
        Variable v when values.TryGetValue(v.Name, out Expr? value) => value,
        Variable v => v with { Name = scalar(v.Name) },
        ElementRead r => r with { Array = array(r.Array) },
        MatrixRead m => m with { Array = array(m.Array) },
        LengthOf l => l with { Array = array(l.Array) },
        VectorCall v => v with { First = array(v.First), Second = v.Second is null ? null : array(v.Second) },
        ArrayArgument a => a with { Array = array(a.Array) },
        _ => node,
    });

    private Stmt Rename(Stmt statement) => statement switch
    {
        AssignStatement a => a with { Target = scalar(a.Target), Value = Rename(a.Value), Note = note(a.Note) },
        IfStatement i => i with { Condition = Rename(i.Condition), Then = Rename(i.Then).ToEquatableArray(), Else = Rename(i.Else).ToEquatableArray(), Note = note(i.Note) },
        ReturnStatement r => r with { Value = Rename(r.Value), Note = note(r.Note) },
        ArrayDeclareStatement d => d with { Name = array(d.Name), Length = Rename(d.Length), Note = note(d.Note) },
        ElementAssignStatement e => e with { Array = array(e.Array), Index = Rename(e.Index), Value = Rename(e.Value), Saved = e.Saved is null ? null : scalar(e.Saved), Note = note(e.Note) },
        ForStatement f => f with
        {
            Id = loopId(f.Id),
            Counter = scalar(f.Counter),
            Start = Rename(f.Start),
            End = Rename(f.End),
            Body = Rename(f.Body).ToEquatableArray(),
            Carried = f.Carried.Select(scalar).ToEquatableArray(),
            Note = note(f.Note),
            Exit = f.Exit is null ? null : Rename(f.Exit),
            Stop = f.Stop is null ? null : scalar(f.Stop),
        },
        BreakStatement b => b with { Note = note(b.Note) },
        ContinueStatement c => c with { Note = note(c.Note) },
        FailWhenStatement w => w with { Condition = Rename(w.Condition), Note = note(w.Note) },
        LengthCheckStatement c => c with { Array = array(c.Array), Other = array(c.Other), Note = note(c.Note) },
        VectorCallStatement v => v with { Arguments = v.Arguments.Select(Rename).ToEquatableArray(), Output = array(v.Output), Note = note(v.Note) },
        _ => throw new InvalidOperationException("IrRenamer does not know " + statement.GetType().Name),
    };

    /// <summary>
    /// Integer arithmetic that a substituted constant made trivial (<c>0 * (h + 1)</c>, <c>c + 0</c>,
    /// <c>2 * 3</c>), folded so the inlined index expressions read as if written for that constant. A
    /// product with 0 keeps an operand that could throw.
    /// </summary>
    private static Expr FoldSubstituted(Binary node) => (node.Operator, node.Left, node.Right) switch
    {
        (BinaryOperator.Add, IntConstant a, IntConstant b) => new IntConstant(unchecked(a.Value + b.Value)),
        (BinaryOperator.Subtract, IntConstant a, IntConstant b) => new IntConstant(unchecked(a.Value - b.Value)),
        (BinaryOperator.Multiply, IntConstant a, IntConstant b) => new IntConstant(unchecked(a.Value * b.Value)),
        (BinaryOperator.Multiply, IntConstant { Value: 0 }, var other) when !MayThrow(other) => new IntConstant(0),
        (BinaryOperator.Multiply, var other, IntConstant { Value: 0 }) when !MayThrow(other) => new IntConstant(0),
        (BinaryOperator.Multiply, IntConstant { Value: 1 }, var other) => other,
        (BinaryOperator.Multiply, var other, IntConstant { Value: 1 }) => other,
        (BinaryOperator.Add, IntConstant { Value: 0 }, var other) => other,
        (BinaryOperator.Add or BinaryOperator.Subtract, var other, IntConstant { Value: 0 }) => other,
        _ => node,
    };

    private static bool MayThrow(Expr expr)
    {
        bool mayThrow = false;
        ExprRewriter.Rewrite(expr, node =>
        {
            mayThrow |= node is ElementRead or MatrixRead or VectorCall or UserCall || node is Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Divide or BinaryOperator.Remainder };
            return node;
        });
        return mayThrow;
    }

    /// <summary>Every array name a block declares, writes or reads.</summary>
    public static HashSet<string> ArraysIn(IEnumerable<Stmt> block)
    {
        var arrays = new HashSet<string>();
        var collector = new IrRenamer(s => s, a => { arrays.Add(a); return a; }, id => id, n => n);
        collector.Rename(block);
        return arrays;
    }
}
