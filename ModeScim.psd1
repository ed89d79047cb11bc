@{
    RootModule             = 'ModeScim.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = 'd8cc4a05-142c-4bde-ba2c-92461c2aba06'
    Author                 = 'ModeScim contributors'
    CompanyName            = 'ModeScim'
    Copyright              = '(c) ModeScim contributors. MIT License.'
    Description            = 'Provision, offboard and audit the users and groups of a Mode (the BI product) workspace over its SCIM 2.0 API, from an interactive shell, a scheduled script or an Azure DevOps pipeline.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('ModeScim.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-ModeScim'
        'Disconnect-ModeScim'
        'Get-ModeScimConnection'
        'Test-ModeScimConnection'
        'Get-ModeUser'
        'New-ModeUser'
        'Set-ModeUser'
        'Disable-ModeUser'
        'Enable-ModeUser'
        'Remove-ModeUser'
        'Get-ModeScimJournal'
        'Get-ModeContent'
        'Undo-ModeHandover'
        'Get-ModeGroup'
        'New-ModeGroup'
        'Rename-ModeGroup'
        'Remove-ModeGroup'
        'Get-ModeGroupMember'
        'Add-ModeGroupMember'
        'Remove-ModeGroupMember'
        'Sync-ModeGroup'
        'Sync-ModeUser'
        'Get-ModeAccessReport'
        'Invoke-ModePlan'
        'Export-ModeEvidence'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            # PSCommand_<name> lets Find-PSResource -CommandName find the module (a test keeps it equal to the exports).
            Tags         = @(
                'Mode', 'SCIM', 'SCIM2', 'Provisioning', 'Deprovisioning', 'IdentityManagement', 'Offboarding', 'AzureDevOps'
                'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS'
                'PSCommand_Connect-ModeScim'
                'PSCommand_Disconnect-ModeScim'
                'PSCommand_Get-ModeScimConnection'
                'PSCommand_Test-ModeScimConnection'
                'PSCommand_Get-ModeUser'
                'PSCommand_New-ModeUser'
                'PSCommand_Set-ModeUser'
                'PSCommand_Disable-ModeUser'
                'PSCommand_Enable-ModeUser'
                'PSCommand_Remove-ModeUser'
                'PSCommand_Get-ModeScimJournal', 'PSCommand_Get-ModeContent', 'PSCommand_Undo-ModeHandover'
                'PSCommand_Get-ModeGroup'
                'PSCommand_New-ModeGroup'
                'PSCommand_Rename-ModeGroup'
                'PSCommand_Remove-ModeGroup'
                'PSCommand_Get-ModeGroupMember'
                'PSCommand_Add-ModeGroupMember'
                'PSCommand_Remove-ModeGroupMember'
                'PSCommand_Sync-ModeGroup'
                'PSCommand_Sync-ModeUser'
                'PSCommand_Get-ModeAccessReport'
                'PSCommand_Invoke-ModePlan'
                'PSCommand_Export-ModeEvidence'
            )
            # No ProjectUri or LicenseUri: the project has no public home to point at, and a made-up address would be a
            # dead end in Get-Help -Online and in a gallery's listing. The license ships beside this file as LICENSE.
            ReleaseNotes = @'
0.1.0: first release. Connections with discovery; Get/New/Set/Disable/Enable/Remove-ModeUser with a membership
journal that makes Mode's deactivation reversible; group cmdlets and Sync-ModeGroup with batched requests;
Sync-ModeUser with offboarding guards; Get-ModeAccessReport; Azure DevOps annotations. See CHANGELOG.md.
'@
        }
    }
}
