BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 250
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-ado-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work

    # Runs a script in a fresh non-interactive process, as a PowerShell@2 step does, and returns its stdout.
    function Invoke-PipelineStep([string] $Script, [hashtable] $Environment) {
        $path = Join-Path $script:Work ('step-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $path -Value $Script
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $output = & $script:Pwsh -NoProfile -NonInteractive -File $path 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ Output = ($output -join "`n"); ExitCode = $LASTEXITCODE }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Running in Azure DevOps' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'annotates each per-item failure that reaches the log as a warning and ends the run as SucceededWithIssues' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost-one@example.com', 'ghost-two@example.com' | Get-ModeUser
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $warnings = @($run.Output -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=warning*' })
        $warnings.Count | Should -Be 2
        $warnings[0] | Should -BeLike '*code=ModeScim.UserNotFound*ghost-one@example.com*'
        ($run.Output -split "`n") | Should -Contain '##vso[task.complete result=SucceededWithIssues;]'
        $run.Output | Should -Not -BeLike "*$($script:Emulator.Token)*"
    }

    It 'does not annotate a failure the caller handled with <Handling>' -TestCases @(
        @{ Handling = '-ErrorAction SilentlyContinue'; Call = "`$null = Get-ModeUser 'ghost@example.com' -ErrorAction SilentlyContinue" }
        @{ Handling = '-ErrorAction Ignore'; Call = "`$null = Get-ModeUser 'ghost@example.com' -ErrorAction Ignore" }
        @{ Handling = '$ErrorActionPreference SilentlyContinue'; Call = "`$ErrorActionPreference = 'SilentlyContinue'; `$null = Get-ModeUser 'ghost@example.com'" }
        @{ Handling = '-ErrorAction Stop inside try/catch'; Call = "try { Get-ModeUser 'ghost@example.com' -ErrorAction Stop } catch { 'handled: ' + `$_.FullyQualifiedErrorId }" }
    ) {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
$Call
'done'
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        ($run.Output -split "`n") | Should -Contain 'done'
        $run.Output | Should -Not -BeLike '*##vso`[task.logissue*'
        $run.Output | Should -Not -BeLike '*##vso`[task.complete*'
    }

    It 'writes no annotations when MODESCIM_ADO_ANNOTATIONS is 0, and still neutralises logging commands in names' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
Get-ModeUser `$env:MODESCIM_TEST_NAME -ErrorVariable failed
'id: ' + `$failed[0].FullyQualifiedErrorId
"@
        # The name comes from data (an HR file, here the environment), as it would in a real run.
        $environment = @{
            TF_BUILD = 'True'; MODESCIM_ADO_ANNOTATIONS = '0'; MODESCIM_TEST_NAME = 'ghost ##vso[task.setvariable variable=x]1@example.com'
            MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token
        }
        $run = Invoke-PipelineStep $step $environment

        $run.Output | Should -BeLike '*id: ModeScim.UserNotFound,*'
        $run.Output | Should -BeLike '*ghost ##vso%5Btask.setvariable*'
        $run.Output | Should -Not -BeLike '*##vso`[*'
    }

    It 'annotates each failure of the nightly example exactly once, although the step shows warnings too' {
        $csv = Join-Path $script:Work 'hr-with-a-bad-row.csv'
        Set-Content -LiteralPath $csv -Value @('UserName,Email,FirstName,LastName', 'broken.row@example.com,not-an-address,Bro,Ken')
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $journal = Join-Path $script:Work 'once.jsonl'
        $report = Join-Path $script:Work 'once.csv'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -HrCsv '$csv' -JournalPath '$journal' -ReportPath '$report' -MaxDisable 100%"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        # showWarnings: true turns each WARNING line into an annotation as well: together, one per failure.
        $annotations = @($run.Output -split "`n" | Where-Object { ($_ -like '##vso`[task.logissue*' -or $_ -like 'WARNING:*') -and $_ -like '*broken.row@example.com*' })
        $annotations.Count | Should -Be 1
        $annotations[0] | Should -BeLike '##vso`[task.logissue type=warning;code=ModeScim.InvalidInput*'
    }

    It 'writes no logging commands outside a pipeline' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost@example.com' | Get-ModeUser -ErrorAction SilentlyContinue
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = $null; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.Output | Should -Not -BeLike '*##vso*'
    }

    It 'runs the nightly offboarding example non-interactively, with no prompt, and leaves its artifacts' {
        $journal = Join-Path $script:Work 'journal.jsonl'
        $report = Join-Path $script:Work 'access-report.csv'
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -JournalPath '$journal' -ReportPath '$report'"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        $run.Output | Should -BeLike '*Disabled:*'
        @(Get-Content -LiteralPath $journal).Count | Should -Be 8
        @(Import-Csv -LiteralPath $report).Count | Should -BeGreaterThan 200
    }
}
