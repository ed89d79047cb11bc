# Dot-sourced by every test file in BeforeAll: imports the BUILT module and starts an emulator process.
$ErrorActionPreference = 'Stop'
$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$script:ModuleManifest = $env:MODESCIM_TEST_MODULE
$script:EmulatorPath = $env:MODESCIM_TEST_EMULATOR
if (-not $script:ModuleManifest -or -not (Test-Path $script:ModuleManifest)) {
    throw 'MODESCIM_TEST_MODULE must name the built ModeScim.psd1: run the tests through build.ps1 -Task Test.'
}
Import-Module (Join-Path (Join-Path $script:RepoRoot 'build') 'ModeScimEmulator.psm1') -Force
# Commands that journal by default must never write to the journal in the test machine's home folder.
if (-not $env:MODESCIM_JOURNAL) {
    $env:MODESCIM_JOURNAL = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-test-journal-' + $PID + '.jsonl')
}
if (-not (Get-Module ModeScim)) {
    Import-Module $script:ModuleManifest -Force
}

function Start-TestEmulator {
    param([int] $Seed = 0, [string[]] $ExtraArguments = @())
    $token = 'test-' + [guid]::NewGuid().ToString('N')
    Start-ModeScimEmulator -EmulatorPath $script:EmulatorPath -Token $token -Seed $Seed -ExtraArguments $ExtraArguments
}

function ConvertTo-TestSecureString([string] $Text) {
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function Connect-TestEmulator {
    param([Parameter(Mandatory)] $Emulator, [switch] $PassThru)
    Connect-ModeScim -BaseUri $Emulator.BaseUri -Token (ConvertTo-TestSecureString $Emulator.Token) -PassThru:$PassThru -MaxRetries 2
}

# Sends a SCIM request straight to the emulator, bypassing the module: to arrange state, and to check it.
function Invoke-EmulatorScim {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $parameters = @{
        Method      = $Method
        Uri         = $Emulator.BaseUri.TrimEnd('/') + '/' + $Path
        Headers     = @{ Authorization = "Bearer $($Emulator.Token)" }
        ContentType = 'application/scim+json'
    }
    if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Depth 10) }
    Invoke-RestMethod @parameters
}

# Every user or group, read page by page straight from the emulator: the oracle for what the server holds,
# independent of the cmdlets under test.
function Get-EmulatorResources {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [ValidateSet('Users', 'Groups')] [string] $Collection)
    $start = 1
    do {
        $page = Invoke-EmulatorScim -Emulator $Emulator -Method Get -Path "$($Collection)?startIndex=$start&count=100"
        $resources = @($page.Resources)
        $resources
        $start += $resources.Count
    } while ($resources.Count -gt 0 -and $start -le $page.totalResults)
}

# Renames a user straight on the server, as another admin or an IdP would.
function Rename-EmulatorUser {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $UserName)
    $null = Invoke-EmulatorScim -Emulator $Emulator -Method Patch -Path "Users/$Id" -Body @{
        schemas    = @('urn:ietf:params:scim:api:messages:2.0:PatchOp')
        Operations = @(@{ op = 'replace'; path = 'userName'; value = $UserName })
    }
}

function New-EmulatorUser {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $UserName, [string] $DisplayName, [bool] $Active = $true)
    $body = @{
        schemas  = @('urn:ietf:params:scim:schemas:core:2.0:User')
        userName = $UserName
        active   = $Active
        emails   = @(@{ value = $UserName; type = 'work'; primary = $true })
    }
    if ($DisplayName) { $body.displayName = $DisplayName }
    Invoke-EmulatorScim -Emulator $Emulator -Method Post -Path 'Users' -Body $body
}

# Runs a script block and returns the error records it wrote, leaving its other output aside.
function Get-ErrorRecords {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    # The test files run with 'Stop'; per-item errors must stay non-terminating to be collected.
    $ErrorActionPreference = 'Continue'
    @(& $ScriptBlock 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
}

function New-TestJournalPath {
    Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-journal-' + [guid]::NewGuid().ToString('N') + '.jsonl')
}

function New-EmulatorGroup {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $DisplayName, [string[]] $MemberIds = @())
    $body = @{
        schemas     = @('urn:ietf:params:scim:schemas:core:2.0:Group')
        displayName = $DisplayName
        members     = @($MemberIds | ForEach-Object { @{ value = $_ } })
    }
    Invoke-EmulatorScim -Emulator $Emulator -Method Post -Path 'Groups' -Body $body
}

# The ids of a group's members, read straight from the emulator.
function Get-EmulatorGroupMemberIds {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $GroupId)
    @((Invoke-EmulatorScim -Emulator $Emulator -Method Get -Path "Groups/$GroupId").members | ForEach-Object { $_.value })
}

function Get-EmulatorUser {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Id)
    Invoke-EmulatorScim -Emulator $Emulator -Method Get -Path "Users/$Id"
}

# Connects SCIM and Mode's REST API of the same emulator.
# Connects SCIM and REST; any other Connect-ModeScim parameter given (-ApiRateLimit, -MaxListPages...) is passed on.
function Connect-TestEmulatorWithApi {
    param([Parameter(Mandatory)] $Emulator, [switch] $PassThru, [string] $ApiSecret = $Emulator.ApiSecret,
        [int] $ApiRateLimit, [int] $ApiRateWindowSec, [int] $MaxListPages, [int] $ApiMaxListPages)
    $more = @{}
    foreach ($name in 'ApiRateLimit', 'ApiRateWindowSec', 'MaxListPages', 'ApiMaxListPages') {
        if ($PSBoundParameters.ContainsKey($name)) { $more[$name] = $PSBoundParameters[$name] }
    }
    Connect-ModeScim -BaseUri $Emulator.BaseUri -Token (ConvertTo-TestSecureString $Emulator.Token) -MaxRetries 2 `
        -ApiBaseUri $Emulator.ApiBaseUri -Workspace $Emulator.Workspace -ApiToken (ConvertTo-TestSecureString $Emulator.ApiToken) `
        -ApiSecret (ConvertTo-TestSecureString $ApiSecret) -PassThru:$PassThru @more
}

# The REST side's whole state (accounts, collections with their reports and permissions, the audit log), read
# straight from the emulator: the oracle for handover and access-report tests.
function Get-EmulatorApiState {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.AdminUri)/api/state"
}

function Set-EmulatorEngagement {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Email, [datetime] $LastDayEngaged, [datetime] $ActivatedAt)
    $body = @{ email = $Email }
    if ($PSBoundParameters.ContainsKey('LastDayEngaged')) { $body.lastDayEngaged = $LastDayEngaged.ToUniversalTime().ToString('o') }
    if ($PSBoundParameters.ContainsKey('ActivatedAt')) { $body.activatedAt = $ActivatedAt.ToUniversalTime().ToString('o') }
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.AdminUri)/api/engagement" -ContentType 'application/json' -Body ($body | ConvertTo-Json)
}

# Makes a collection (personal or shared) with reports, created by the member with this email.
function New-EmulatorContent {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Creator, [Parameter(Mandatory)] [string] $Collection,
        [switch] $Personal, [string[]] $Reports = @())
    $body = @{ creator = $Creator; collection = $Collection; personal = [bool]$Personal; reports = @($Reports) }
    Invoke-RestMethod -Method Post -Uri "$($Emulator.AdminUri)/api/content" -ContentType 'application/json' -Body ($body | ConvertTo-Json)
}

# A leaver with a personal collection of reports and a shared collection of their own; a successor; a shared
# collection for the handover. Returns what was made.
function New-HandoverScene {
    param([Parameter(Mandatory)] $Emulator, [string] $Suffix = ([guid]::NewGuid().ToString('N').Substring(0, 6)))
    $leaver = New-EmulatorUser -Emulator $Emulator -UserName "leaver.$Suffix@example.com" -DisplayName "Leaver $Suffix"
    $successor = New-EmulatorUser -Emulator $Emulator -UserName "successor.$Suffix@example.com" -DisplayName "Successor $Suffix"
    $other = New-EmulatorUser -Emulator $Emulator -UserName "other.$Suffix@example.com"
    $personal = New-EmulatorContent -Emulator $Emulator -Creator $leaver.userName -Collection 'Personal' -Personal `
        -Reports "Draft $Suffix", "Numbers $Suffix", "Pipeline $Suffix"
    $team = New-EmulatorContent -Emulator $Emulator -Creator $leaver.userName -Collection "Team $Suffix" -Reports "Dashboard $Suffix"
    $handover = New-EmulatorContent -Emulator $Emulator -Creator $other.userName -Collection "Handover $Suffix"
    [pscustomobject]@{
        Leaver = $leaver; Successor = $successor; Personal = $personal; Team = $team; Handover = $handover
        HandoverName = "Handover $Suffix"; Suffix = $Suffix
    }
}

# A collection, and an account's member token, in the emulator's /api state.
function Get-Collection($State, [string] $Token) { $State.spaces | Where-Object token -eq $Token }

function Get-AccountToken($State, [string] $Email) { ($State.accounts | Where-Object email -eq $Email).member_token }

function Get-EmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.AdminUri)/stats"
}

# Holds every request of these methods at the emulator until its client hangs up (ten minutes at most): what a
# stop must cancel instead of waiting for. Undone with -Off.
function Set-EmulatorRequestHold {
    param([Parameter(Mandatory)] $Emulator, [string[]] $Method = @(), [switch] $Off)
    $settings = if ($Off) { @{ rateSlow = 0; faultMethods = @() } } else { @{ rateSlow = 1; slowMs = 600000; faultMethods = @($Method) } }
    $null = Set-ModeScimEmulatorConfig -Emulator $Emulator -Settings $settings
}

# Waits until a request on this route ("GET Users", "PATCH Users/{id}") has reached the emulator, which counts it as
# it arrives. The deadline only keeps a broken run from waiting forever.
function Wait-EmulatorRequest {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Route, [int] $DeadlineSeconds = 120)
    $deadline = [DateTime]::UtcNow.AddSeconds($DeadlineSeconds)
    while (-not ((Get-EmulatorStats -Emulator $Emulator).routes.$Route -gt 0)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "No '$Route' request reached the emulator in $DeadlineSeconds s." }
        Start-Sleep -Milliseconds 50
    }
}

# Stops a pipeline running in another PowerShell; true once it has ended. With its request held at the emulator for
# ten minutes, a stop that waited for the answer could not end within the minute given here, however slow the
# machine; one that cancels the request ends in well under a second.
function Stop-TestPipeline {
    param([Parameter(Mandatory)] [powershell] $PowerShell)
    $stopping = $PowerShell.BeginStop($null, $null)
    $ended = $stopping.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(1))
    if ($ended) { $PowerShell.EndStop($stopping) }
    $ended
}

# What a command printed to the host (What if: lines, for one), as a transcript records it.
function Get-HostText {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $transcript = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-host-' + [guid]::NewGuid().ToString('N') + '.txt')
    $null = Start-Transcript -Path $transcript
    try {
        $null = & $ScriptBlock
    }
    finally {
        $null = Stop-Transcript
    }
    try { Get-Content -Raw -LiteralPath $transcript } finally { Remove-Item -LiteralPath $transcript }
}

# The emulator's truth whatever its SCIM profile shows: users with the ids of their groups, groups with the ids of their
# members. The oracle for membership tests on servers whose SCIM view hides memberships.
function Get-EmulatorState {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.AdminUri)/state"
}

# The ids of a group's members, by its name, as the server's own state holds them, sorted.
function Get-EmulatorMemberIdsByName {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $DisplayName)
    $state = Get-EmulatorState -Emulator $Emulator
    @(($state.groups | Where-Object displayName -EQ $DisplayName).members | Sort-Object)
}

# Runs commands in a new -NonInteractive PowerShell with the built module, connected to the emulator, as a scheduled
# task runs them: whatever would prompt fails there. Returns what it printed; its exit code is 1 once anything wrote an
# error.
function Invoke-NonInteractiveStep {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Commands)
    $pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $step = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-step-' + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $step -Value @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim -BaseUri '$($Emulator.BaseUri)' -Token (ConvertTo-SecureString '$($Emulator.Token)' -AsPlainText -Force)
$Commands
if (`$Error.Count -gt 0) { `$Error | ForEach-Object { "ERROR: `$_" }; exit 1 }
"@
    try {
        (& $pwsh -NoProfile -NonInteractive -File $step 2>&1 | ForEach-Object { "$_" }) -join "`n"
    }
    finally {
        Remove-Item -LiteralPath $step
    }
}
