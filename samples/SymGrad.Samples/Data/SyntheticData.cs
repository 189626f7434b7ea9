using System;
using SymGrad.Data;

namespace SymGrad.Samples.Data;

/// <summary>The synthetic data sets of the samples, generated from a fixed seed: Gaussian blobs, XOR, spirals, a noisy sine and a line with outliers.</summary>
internal static class SyntheticData
{
    /// <summary>The line behind <see cref="LineWithOutliers"/>: y = 1 + 2x, with N(0, 0.5^2) noise on the inliers.</summary>
    public const double LineBias = 1.0;

    /// <summary>The slope of the line behind <see cref="LineWithOutliers"/>.</summary>
    public const double LineSlope = 2.0;

    /// <summary>The standard deviation of the inliers' noise in <see cref="LineWithOutliers"/>.</summary>
    public const double LineNoise = 0.5;

    /// <summary>Two Gaussian blobs (classes 0 and 1), linearly separable up to their overlap.</summary>
    public static DataSet TwoBlobs(int perClass, int seed) =>
        Blobs(perClass, new[] { (-1.2, -0.8), (1.2, 0.8) }, 0.9, seed);

    /// <summary>Three Gaussian blobs (classes 0, 1, 2).</summary>
    public static DataSet ThreeBlobs(int perClass, int seed) =>
        Blobs(perClass, new[] { (-2.0, -1.2), (2.0, -1.2), (0.0, 2.0) }, 0.9, seed);

    /// <summary>XOR: four blobs at (+-1, +-1); class 1 where x1 and x2 have opposite signs. No line separates it.</summary>
    public static DataSet Xor(int perQuadrant, int seed)
    {
        var random = new Random(seed);
        int m = 4 * perQuadrant;
        var features = new double[2 * m];
        var targets = new double[m];
        int i = 0;
        foreach ((double cx, double cy) in new[] { (1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0) })
        {
            for (int r = 0; r < perQuadrant; r++, i++)
            {
                features[2 * i] = cx + 0.35 * Normal(random);
                features[2 * i + 1] = cy + 0.35 * Normal(random);
                targets[i] = cx * cy > 0 ? 0 : 1;
            }
        }

        return new DataSet(features, targets, 2, 2, ClassNames(2));
    }

    /// <summary>Interleaved spiral arms, one class per arm.</summary>
    public static DataSet Spirals(int perClass, int classes, int seed)
    {
        var random = new Random(seed);
        int m = perClass * classes;
        var features = new double[2 * m];
        var targets = new double[m];
        int i = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int r = 0; r < perClass; r++, i++)
            {
                double radius = 0.15 + 0.85 * r / (perClass - 1);
                double angle = (2 * Math.PI * c / classes) + (3.5 * radius) + (0.12 * Normal(random));
                features[2 * i] = 2 * radius * Math.Cos(angle);
                features[2 * i + 1] = 2 * radius * Math.Sin(angle);
                targets[i] = c;
            }
        }

        return new DataSet(features, targets, 2, classes, ClassNames(classes));
    }

    /// <summary>Regression: t = sin(x) + noise for x uniform in [-3, 3], one feature.</summary>
    public static DataSet NoisySine(int count, int seed)
    {
        var random = new Random(seed);
        var features = new double[count];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = -3 + 6 * random.NextDouble();
            targets[i] = Math.Sin(features[i]) + 0.1 * Normal(random);
        }

        return new DataSet(features, targets, 1);
    }

    /// <summary>
    /// Regression with gross outliers: y = 1 + 2x + N(0, 0.5^2) for x uniform in [-3, 3], except the first
    /// <paramref name="outliers"/> rows, which lie at the right end (x in [1.5, 3]) 8 to 14 below the line and so drag a
    /// least-squares slope down. One feature.
    /// </summary>
    public static DataSet LineWithOutliers(int count, int outliers, int seed)
    {
        var random = new Random(seed);
        var features = new double[count];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            bool outlier = i < outliers;
            features[i] = outlier ? 1.5 + (1.5 * random.NextDouble()) : -3 + (6 * random.NextDouble());
            targets[i] = LineBias + (LineSlope * features[i]) + (LineNoise * Normal(random)) - (outlier ? 8 + (6 * random.NextDouble()) : 0);
        }

        return new DataSet(features, targets, 1);
    }

    private static DataSet Blobs(int perClass, (double X, double Y)[] centres, double spread, int seed)
    {
        var random = new Random(seed);
        int m = perClass * centres.Length;
        var features = new double[2 * m];
        var targets = new double[m];
        int i = 0;
        for (int c = 0; c < centres.Length; c++)
        {
            for (int r = 0; r < perClass; r++, i++)
            {
                features[2 * i] = centres[c].X + spread * Normal(random);
                features[2 * i + 1] = centres[c].Y + spread * Normal(random);
                targets[i] = c;
            }
        }

        return new DataSet(features, targets, 2, centres.Length, ClassNames(centres.Length));
    }

    private static string[] ClassNames(int count)
    {
        var names = new string[count];
        for (int c = 0; c < count; c++)
        {
            names[c] = "class " + c;
        }

        return names;
    }

    /// <summary>A standard normal sample (Box-Muller).</summary>
    private static double Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
