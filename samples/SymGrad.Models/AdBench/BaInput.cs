using System;
using System.IO;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// One ADBench bundle-adjustment input file, read as ADBench's `read_ba_instance`
    /// (src/cpp/shared/utils.cpp) reads it: `n m p`, then ONE camera (11 numbers), ONE point (3), ONE
    /// weight and ONE feature (2), each replicated to all n cameras, m points and p observations;
    /// observation i sees camera i mod n and point i mod m.
    /// </summary>
    public sealed class BaInput
    {
        private BaInput(int n, int m, int p, double[] cameras, double[] points, double[] weights, int[] observations, double[] features)
        {
            N = n;
            M = m;
            P = p;
            Cameras = cameras;
            Points = points;
            Weights = weights;
            Observations = observations;
            Features = features;
        }

        /// <summary>Cameras.</summary>
        public int N { get; }

        /// <summary>Points.</summary>
        public int M { get; }

        /// <summary>Observations.</summary>
        public int P { get; }

        /// <summary>11 n camera parameters, camera by camera (see <see cref="BaObjective"/>).</summary>
        public double[] Cameras { get; }

        /// <summary>3 m point coordinates.</summary>
        public double[] Points { get; }

        /// <summary>p observation weights.</summary>
        public double[] Weights { get; }

        /// <summary>2 p indices: observation i's camera, then its point.</summary>
        public int[] Observations { get; }

        /// <summary>2 p observed image coordinates.</summary>
        public double[] Features { get; }

        /// <summary>Reads an ADBench BA file; an unreadable or inconsistent file is an <see cref="InvalidDataException"/> naming it.</summary>
        public static BaInput Read(string path)
        {
            try
            {
                NumberReader reader = new(path);
                int n = reader.Int();
                int m = reader.Int();
                int p = reader.Int();
                if (n <= 0 || m <= 0 || p <= 0)
                {
                    throw new InvalidDataException($"{path}: n = {n} cameras, m = {m} points and p = {p} observations must all be positive");
                }

                double[] cameras = Replicate(reader.Doubles(BaObjective.CameraParameters), n);
                double[] points = Replicate(reader.Doubles(3), m);
                double[] weights = Replicate(reader.Doubles(1), p);
                double[] features = Replicate(reader.Doubles(2), p);
                int[] observations = new int[2 * p];
                for (int i = 0; i < p; i++)
                {
                    observations[2 * i] = i % n;
                    observations[2 * i + 1] = i % m;
                }

                return new BaInput(n, m, p, cameras, points, weights, observations, features);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{path}: not an ADBench BA file ({e.Message})", e);
            }
        }

        /// <summary>The Jacobian's rows: 2 reprojection residuals per observation, then one weight residual per observation.</summary>
        public int ResidualCount => 3 * P;

        /// <summary>The Jacobian's columns: the cameras' 11 n parameters, the points' 3 m coordinates, then the p weights.</summary>
        public int ParameterCount => BaObjective.CameraParameters * N + 3 * M + P;

        /// <summary>
        /// ADBench's `ba_objective`: every observation's reprojection residual into
        /// <paramref name="reprojectionErrors"/> (2 p), then every weight residual into
        /// <paramref name="weightErrors"/> (p).
        /// </summary>
        public void Objective(Span<double> reprojectionErrors, Span<double> weightErrors)
        {
            CheckLengths(reprojectionErrors, weightErrors);
            for (int i = 0; i < P; i++)
            {
                BaObjective.ReprojectionResidual(Camera(i), Point(i), Weights[i], Features.AsSpan(2 * i, 2), reprojectionErrors.Slice(2 * i, 2));
            }

            for (int i = 0; i < P; i++)
            {
                BaObjective.WeightResidual(Weights[i], weightErrors.Slice(i, 1));
            }
        }

        /// <summary>Observation <paramref name="observation"/>'s camera (11 parameters).</summary>
        public ReadOnlySpan<double> Camera(int observation) =>
            Cameras.AsSpan(BaObjective.CameraParameters * Observations[2 * observation], BaObjective.CameraParameters);

        /// <summary>Observation <paramref name="observation"/>'s point (3 coordinates).</summary>
        public ReadOnlySpan<double> Point(int observation) => Points.AsSpan(3 * Observations[2 * observation + 1], 3);

        internal void CheckLengths(Span<double> reprojectionErrors, Span<double> weightErrors)
        {
            if (reprojectionErrors.Length != 2 * P || weightErrors.Length != P)
            {
                throw new ArgumentException(
                    $"BA with p = {P} observations needs {2 * P} reprojection residuals and {P} weight residuals, not {reprojectionErrors.Length} and {weightErrors.Length}");
            }
        }

        private static double[] Replicate(double[] block, int copies)
        {
            double[] all = new double[block.Length * copies];
            for (int i = 0; i < copies; i++)
            {
                block.CopyTo(all, i * block.Length);
            }

            return all;
        }
    }
}
