namespace ModeScim.PowerShell.Models
{
    /// <summary>Which users Get-ModeUser -Status returns, by the SCIM "active" attribute.</summary>
    public enum ModeUserStatus
    {
        Any,
        Active,
        Inactive,
    }
}
