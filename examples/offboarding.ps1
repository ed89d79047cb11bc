<#
.SYNOPSIS
    The nightly job: make Mode's users match the HR export, safely, and leave an access report.
.DESCRIPTION
    Creates new hires, updates changed names and emails, re-enables returning people with their old
    groups, and disables leavers (journalling their groups first). Refuses the whole run when it would
    disable more than -MaxDisable, or when the export is empty. Writes an access report as CSV.
    Reads the connection from MODE_SCIM_BASE_URI and MODE_SCIM_TOKEN (or -Token). Windows PowerShell 5.1 compatible.
    Ends with the access report's statuses and what each means after the run: an active account outside the export
    that the sync left (Orphaned) is named with its reason, such as an account SCIM cannot disable because SAML made it
    just in time. Invoke-ScheduledOffboarding.ps1 runs this script for Task Scheduler, cron and Azure Automation.
    -JournalPath may be a folder (ending in a slash): every *.jsonl in it is read as one journal, and this
    run adds its records in a file of its own, which is how a pipeline keeps the journal in a durable store.
    CSVs are read and written as UTF-8 on 5.1 and 7 alike (names such as Núñez survive).
.EXAMPLE
    ./offboarding.ps1 -HrCsv ./hr-export.csv -JournalPath ./journal/ -ReportPath ./access-report.csv
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $HrCsv = (Join-Path $PSScriptRoot 'hr-export.csv'),
    [string] $JournalPath = $env:MODESCIM_JOURNAL,
    [string] $ReportPath = (Join-Path (Get-Location) 'access-report.csv'),
    [string] $ModulePath = 'ModeScim',
    # Accounts the HR system does not know about and that must never be disabled.
    [string[]] $Exclude = @('breakglass*', 'svc-*'),
    [string] $MaxDisable = '5%',
    # The SCIM token, when it does not come from MODE_SCIM_TOKEN: from a vault (Get-Secret), an Automation credential,
    # or Invoke-ScheduledOffboarding.ps1. A SecureString, so that it never sits in the environment as text.
    [securestring] $Token,
    # Also return the sync result, for a wrapper that decides its exit code from it (Invoke-ScheduledOffboarding.ps1).
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

if (-not $JournalPath) { $JournalPath = Join-Path (Get-Location) 'modescim-journal.jsonl' }
# -Encoding UTF8: Windows PowerShell 5.1 would otherwise read a BOM-less UTF-8 export in the ANSI code page.
$desired = @(Import-Csv -LiteralPath $HrCsv -Encoding UTF8)
Write-Host "HR export: $($desired.Count) people in $HrCsv"

try {
    if ($Token) { Connect-ModeScim -Token $Token } else { Connect-ModeScim }
    # Per-user failures are reported in the result and as errors; they must not stop the other users.
    $result = Sync-ModeUser -InputObject $desired -UpdateExisting -DisableMissing -RestoreGroups `
        -MaxDisable $MaxDisable -Exclude $Exclude -JournalPath $JournalPath -ErrorAction Continue -WhatIf:$WhatIfPreference

    # Printed through the module's views, the counts and then the names: in Azure DevOps they break up a logging
    # command hidden in a name from the export or the server, which a name printed by this script would not.
    # Each failure was already written as an error (and, in Azure DevOps, annotated once): list, do not warn again.
    Write-Host 'Sync result:'
    $result | Format-Table | Out-String -Width 120 | Write-Host
    # A log wraps lines itself: each list of names stays on one line rather than breaking inside an address.
    $result | Format-List | Out-String -Width 4096 | Write-Host

    # One report, kept for the summary below: a Mode workspace's accounts fit in memory.
    $report = @(Get-ModeAccessReport -Reference $desired)
    $report | Export-Csv -LiteralPath $ReportPath -NoTypeInformation -Encoding UTF8
    Write-Host "Access report: $ReportPath"

    # Each status the report gives, with what it means after this run. Orphaned is the one that alarms: after a sync
    # with -DisableMissing an active account outside the export is left only for a reason, and each reason is named.
    $meanings = [ordered]@{
        Ok        = 'active in Mode and in the HR export'
        Inactive  = 'deactivated in Mode: this run''s leavers and earlier ones'
        Orphaned  = 'active in Mode, not in the HR export (why: below)'
        Unmanaged = 'in the HR export, but an account SCIM does not manage (made by SAML sign-in just in time)'
        Invited   = 'a pending invite, not an account yet'
        Missing   = 'in the HR export, no Mode account (a create that failed, or a -WhatIf run)'
    }
    Write-Host "Accounts after the sync, by the access report's status ($($report.Count) rows):"
    foreach ($status in $meanings.Keys) {
        $count = @($report | Where-Object Status -eq $status).Count
        Write-Host ('  {0,-10} {1,5}  {2}' -f $status, $count, $meanings[$status])
    }
    $orphans = @($report | Where-Object Status -eq 'Orphaned')
    if ($orphans.Count -gt 0) {
        # Mode's SCIM cannot deactivate an account it does not manage: the sync never sees it, or sees it as not its own.
        $outsideScim = @($orphans | Where-Object { -not $_.InScim -or $_.ManagedByScim -eq $false })
        $excluded = @($orphans | Where-Object { $_.InScim -and $_.ManagedByScim -ne $false } | Where-Object {
                $name = $_.UserName
                @($Exclude | Where-Object { $name -like $_ }).Count -gt 0
            })
        $other = $orphans.Count - $outsideScim.Count - $excluded.Count
        Write-Host "Why $($orphans.Count) active accounts outside the export were not disabled:"
        Write-Host "  $($outsideScim.Count) made outside SCIM (SAML just-in-time sign-in): SCIM cannot disable them, so the sync"
        Write-Host '    leaves them; deactivate them in Mode''s member settings, or add them to the HR export.'
        Write-Host "  $($excluded.Count) protected by -Exclude (break-glass and service accounts)."
        Write-Host "  $other left by this run: a -WhatIf run, or a disable that failed (see the sync's failures above)."
        if ($outsideScim.Count -gt 0) {
            $outsideScim | Format-Table | Out-String -Width 120 | Write-Host
        }
    }
    if ($PassThru) { $result }
}
catch {
    # A refusal ends the run (a guard: ModeScim.DisableThresholdExceeded, ModeScim.EmptyDesiredSet; a secret never
    # mapped: ModeScim.MissingToken). In Azure DevOps the module already wrote it as an error annotation naming its id
    # (and marked it so); anything else that ends the run (a missing HR file, an error made terminating by
    # -ErrorAction Stop) is annotated here, once. The error is thrown on, so the step fails. %, CR and LF are escaped as
    # a logging command's data must be, and any "##vso[" (from text the module did not write) broken up.
    if ($env:TF_BUILD -and -not $_.Exception.Data['ModeScim.Annotated']) {
        $id = ($_.FullyQualifiedErrorId -split ',')[0]
        $message = $_.Exception.Message
        if ($_.ErrorDetails -and $_.ErrorDetails.Message) { $message = $_.ErrorDetails.Message }
        $data = ($id + ': ' + $message) -replace '%', '%AZP25' -replace "`r", '%0D' -replace "`n", '%0A'
        $data = $data -replace '##vso\[', '##vso%5B' -replace '##\[', '##%5B'
        Write-Host ('##vso[task.logissue type=error;code=' + ($id -replace '[;\]]', '_') + ']' + $data)
    }
    throw
}
finally {
    Disconnect-ModeScim -ErrorAction SilentlyContinue
}
