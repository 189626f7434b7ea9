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

    public IrRenamer(Func<string, string> scalar, Func<string, string> array, Func<int, int> loopId, Func<SourceNote, SourceNote> note)
    {
        this.scalar = scalar;
        this.array = array;
        this.loopId = loopId;
        this.note = note;
    }

    public List<Stmt> Rename(IEnumerable<Stmt> block) => block.Select(Rename).ToList();

    public Expr Rename(Expr expr) => ExprRewriter.Rewrite(expr, node => node switch
    {
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
        _ => throw new InvalidOperationException("IrRenamer does not know " + statement.GetType().Name),
    };

    /// <summary>Every array name a block declares, writes or reads.</summary>
    public static HashSet<string> ArraysIn(IEnumerable<Stmt> block)
    {
        var arrays = new HashSet<string>();
        var collector = new IrRenamer(s => s, a => { arrays.Add(a); return a; }, id => id, n => n);
        collector.Rename(block);
        return arrays;
    }
}
