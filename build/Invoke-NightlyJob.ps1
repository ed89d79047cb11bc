<#
.SYNOPSIS
    The nightly job an admin schedules, run by the benchmark in a fresh process so that its peak working set is
    the job's own: an HR export into Sync-ModeUser -UpdateExisting -DisableMissing, then an access review.
.DESCRIPTION
    Prints one JSON line: the job's time, its peak working set and what the sync did. The emulator's request
    counters are reset after connecting, so they count the job and nothing else. Windows PowerShell 5.1 compatible.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Token,
    [Parameter(Mandatory)] [string] $AdminUri,
    [Parameter(Mandatory)] [string] $HrCsv,
    [Parameter(Mandatory)] [string] $JournalPath,
    [Parameter(Mandatory)] [string] $ReportCsv,
    [int] $ThrottleLimit = 8
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
Connect-ModeScim -BaseUri $BaseUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -ThrottleLimit $ThrottleLimit
$null = Invoke-RestMethod -Method Post -Uri "$AdminUri/reset"

$watch = [System.Diagnostics.Stopwatch]::StartNew()
# As the help's nightly example writes it: the export is piped in, never held in a variable.
$sync = Import-Csv -LiteralPath $HrCsv | Sync-ModeUser -UpdateExisting -DisableMissing -JournalPath $JournalPath -Confirm:$false
Import-Csv -LiteralPath $HrCsv | Get-ModeAccessReport | Export-Csv -LiteralPath $ReportCsv -NoTypeInformation -Encoding UTF8
$watch.Stop()

# Read before anything else is done here, so the figure is the job's.
$peakMb = [Math]::Round([System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB, 1)
$reportLines = 0
foreach ($line in [System.IO.File]::ReadLines($ReportCsv)) { $reportLines++ }
$result = [ordered]@{
    ms               = [Math]::Round($watch.Elapsed.TotalMilliseconds, 1)
    peakWorkingSetMb = $peakMb
    created          = $sync.Created.Count
    updated          = $sync.Updated.Count
    disabled         = $sync.Disabled.Count
    enabled          = $sync.Enabled.Count
    failed           = $sync.Failed.Count
    reportRows       = $reportLines - 1
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress))
