namespace ModeScim.PowerShell.Errors
{
    /// <summary>What a failed request was about, so a 404 or 409 gets the id that names it.</summary>
    internal enum ScimResourceKind
    {
        Other,
        User,
        Group,
    }
}
