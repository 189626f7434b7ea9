namespace SymGrad
{
    /// <summary>
    /// A number of destination rows known when the JIT compiles a method: a struct type argument's static count is a
    /// constant in the code compiled for it, so a kernel written for sixteen rows loses the rows past the count
    /// (<see cref="TileKernels{T}"/>' tail passes).
    /// </summary>
    internal interface ITailRows
    {
        /// <summary>The rows, 1 to 16.</summary>
        static abstract int Count { get; }
    }

    internal readonly struct TailRows1 : ITailRows { public static int Count => 1; }
    internal readonly struct TailRows2 : ITailRows { public static int Count => 2; }
    internal readonly struct TailRows3 : ITailRows { public static int Count => 3; }
    internal readonly struct TailRows4 : ITailRows { public static int Count => 4; }
    internal readonly struct TailRows5 : ITailRows { public static int Count => 5; }
    internal readonly struct TailRows6 : ITailRows { public static int Count => 6; }
    internal readonly struct TailRows7 : ITailRows { public static int Count => 7; }
    internal readonly struct TailRows8 : ITailRows { public static int Count => 8; }
    internal readonly struct TailRows9 : ITailRows { public static int Count => 9; }
    internal readonly struct TailRows10 : ITailRows { public static int Count => 10; }
    internal readonly struct TailRows11 : ITailRows { public static int Count => 11; }
    internal readonly struct TailRows12 : ITailRows { public static int Count => 12; }
    internal readonly struct TailRows13 : ITailRows { public static int Count => 13; }
    internal readonly struct TailRows14 : ITailRows { public static int Count => 14; }
    internal readonly struct TailRows15 : ITailRows { public static int Count => 15; }
    internal readonly struct TailRows16 : ITailRows { public static int Count => 16; }
}
