<#
.SYNOPSIS
    A first look at ModeScim: connect, show what the server supports, list some users.
.DESCRIPTION
    Reads the SCIM base URI and token from MODE_SCIM_BASE_URI and MODE_SCIM_TOKEN, as a scheduled
    job or an Azure DevOps step would, and Mode's REST API too when MODE_WORKSPACE, MODE_API_TOKEN and
    MODE_API_SECRET are set. build.ps1 -Task Demo runs it against the local emulator.
#>
param(
    # The module to import; by default the installed one.
    [string] $ModulePath = 'ModeScim'
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

Connect-ModeScim
$connection = Get-ModeScimConnection
Write-Host "Connected to $($connection.BaseUri)"
$connection | Format-List BaseUri, PatchSupported, BulkSupported, FilterMaxResults, AuthenticationSchemes | Out-String | Write-Host

$probe = Test-ModeScimConnection
Write-Host "Reachable: $($probe.Reachable); authenticated: $($probe.Authenticated); one request took $($probe.LatencyMs) ms"

Write-Host ''
Write-Host 'The first 10 active users:'
Get-ModeUser -Status Active -First 10 | Format-Table | Out-String -Width 120 | Write-Host

$everyone = @(Get-ModeUser)
$inactive = @($everyone | Where-Object { -not $_.Active })
Write-Host "$($everyone.Count) users in the workspace, $($inactive.Count) of them deactivated."

Write-Host ''
Write-Host 'Groups and their sizes:'
Get-ModeGroup | Format-Table | Out-String -Width 120 | Write-Host

Write-Host ''
Write-Host 'Users whose userName starts with "ava":'
Get-ModeUser -UserName 'ava*' | Format-Table UserName, DisplayName, Active | Out-String -Width 120 | Write-Host

# Mode's REST API sees what SCIM cannot: connected when MODE_WORKSPACE, MODE_API_TOKEN and MODE_API_SECRET are set.
if ($connection.RestApiConnected) {
    Write-Host ''
    Write-Host "Seats through Mode's REST API (workspace $($connection.Workspace)):"
    Get-ModeAccessReport -InactiveDays 90 -Summary | Format-List | Out-String -Width 120 | Write-Host
    Write-Host 'What the statuses mean: Unmanaged, an account SCIM does not manage (made by SAML sign-in just in time:'
    Write-Host '  SCIM cannot disable it, so no sync will); Invited, a pending invite; Unused, an active seat not used for'
    Write-Host '  90 days; Inactive, deactivated. (Orphaned and Missing need an HR reference: see offboarding.ps1 below.)'
    Write-Host 'Accounts SCIM does not manage, pending invites, and seats unused for 90 days:'
    Get-ModeAccessReport -InactiveDays 90 | Where-Object Status -in 'Unmanaged', 'Invited', 'Unused' |
        Format-Table UserName, Status, InScim, Admin, LastEngaged | Out-String -Width 120 | Write-Host
}

Disconnect-ModeScim
