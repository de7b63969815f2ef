namespace TallyfyPS.Sandbox;

/// <summary>The seed's choices for a run's kick-off values, kept small until the values are read.</summary>
public sealed record SeededKickoff(int Requester, int Department, int? Budget, int Seed);
