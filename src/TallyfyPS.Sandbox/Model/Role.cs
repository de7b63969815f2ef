namespace TallyfyPS.Sandbox;

/// <summary>Role of a user in its organization.</summary>
public enum Role
{
    Admin,
    Standard,
    Light,
}
