<#
.SYNOPSIS
    Compiles the platyPS-style markdown under docs/en-US into the MAML help file and about topic that
    Get-Help reads, because platyPS is not available to this build.
.DESCRIPTION
    Text (synopsis, description, parameter descriptions, examples, outputs, notes) comes from the markdown.
    Syntax and parameter facts (type, mandatory, position, pipeline input, aliases) come from the built
    module itself, so the help can never disagree with the code. Runs in its own process: it imports the
    module. Windows PowerShell 5.1 compatible.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutPath
)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ModuleManifest -PassThru -Force
# -WhatIf and -Confirm are documented per cmdlet, as Get-Help shows them; the rest are about_CommonParameters.
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + @('UseTransaction')

function ConvertFrom-Inline([string] $Text) {
    # Markdown emphasis and code marks mean nothing in console help.
    $Text = [regex]::Replace($Text, '\*\*(.+?)\*\*', '$1')
    $Text = [regex]::Replace($Text, '`([^`]+)`', '$1')
    [regex]::Replace($Text, '\[([^\]]+)\]\([^)]+\)', '$1')
}

# Splits markdown text into paragraphs: blank lines separate, list items stand alone.
function Split-Paragraphs([string[]] $Lines) {
    $paragraphs = New-Object System.Collections.Generic.List[string]
    $current = New-Object System.Collections.Generic.List[string]
    foreach ($line in $Lines) {
        $isItem = $line -match '^\s*(-|\d+\.)\s'
        if (-not $line.Trim() -or ($isItem -and $current.Count -gt 0)) {
            if ($current.Count -gt 0) { $paragraphs.Add((ConvertFrom-Inline ($current -join ' '))) ; $current.Clear() }
            if (-not $line.Trim()) { continue }
        }
        $current.Add($line.Trim())
    }
    if ($current.Count -gt 0) { $paragraphs.Add((ConvertFrom-Inline ($current -join ' '))) }
    , $paragraphs.ToArray()
}

# Reads one help markdown file into sections; ### subsections of PARAMETERS and EXAMPLES are kept apart.
function Read-HelpMarkdown([string] $Path) {
    $lines = Get-Content -LiteralPath $Path -Encoding UTF8
    if ($lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        $lines = $lines[($end + 1)..($lines.Count - 1)]
    }
    $doc = @{ Sections = @{}; Parameters = [ordered]@{}; Examples = New-Object System.Collections.Generic.List[object] }
    $section = $null
    $sub = $null
    $buffer = New-Object System.Collections.Generic.List[string]
    $flush = {
        if ($section -eq 'PARAMETERS' -and $sub) { $doc.Parameters[$sub.TrimStart('-')] = $buffer.ToArray() }
        elseif ($section -eq 'EXAMPLES' -and $sub) { $doc.Examples.Add(@{ Title = $sub; Lines = $buffer.ToArray() }) }
        elseif ($section -and -not $sub) { $doc.Sections[$section] = $buffer.ToArray() }
        $buffer.Clear()
    }
    foreach ($line in $lines) {
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim(); $sub = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if ($line -match '^# ') { continue }
        $buffer.Add($line)
    }
    & $flush
    $doc
}

function Get-ExampleParts([string[]] $Lines) {
    $code = New-Object System.Collections.Generic.List[string]
    $remarks = New-Object System.Collections.Generic.List[string]
    $inCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inCode = -not $inCode; continue }
        if ($inCode) { $code.Add($line) } else { $remarks.Add($line) }
    }
    @{ Code = ($code -join "`n"); Remarks = (Split-Paragraphs $remarks.ToArray()) }
}

function Write-Paragraphs($Writer, [string] $Element, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', $Element, $script:Maml)
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:Maml, $paragraph) }
    if (-not $Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:Maml, '') }
    $Writer.WriteEndElement()
}

function Get-PipelineText($Parameter) {
    $byValue = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipeline }).Count -gt 0
    $byName = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count -gt 0
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    'False'
}

function Write-Parameter($Writer, $Parameter, $SetParameter, [string[]] $Description) {
    $position = if ($SetParameter -and $SetParameter.Position -ge 0) { [string]$SetParameter.Position } else { 'named' }
    $required = if ($SetParameter) { $SetParameter.IsMandatory.ToString().ToLowerInvariant() } else { 'false' }
    $Writer.WriteStartElement('command', 'parameter', $script:Command)
    $Writer.WriteAttributeString('required', $required)
    $Writer.WriteAttributeString('variableLength', 'true')
    $wildcards = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
    $Writer.WriteAttributeString('globbing', $wildcards.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineText $Parameter))
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $script:Maml, $Parameter.Name)
    Write-Paragraphs $Writer 'description' (Split-Paragraphs $Description)
    if ($Parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:Command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteString($Parameter.ParameterType.Name)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:Dev)
    $Writer.WriteElementString('maml', 'name', $script:Maml, $Parameter.ParameterType.FullName)
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function Get-InputTypes($Cmdlet) {
    $byValue = @($Cmdlet.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipeline } })
    $byName = @($Cmdlet.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.ValueFromPipelineByPropertyName } })
    foreach ($parameter in $byValue) {
        $type = $parameter.ParameterType
        if ($type.IsArray) { $type = $type.GetElementType() }
        [pscustomobject]@{ Name = $type.FullName; Description = "You can pipe $($type.Name) objects to -$($parameter.Name)." }
    }
    if ($byName.Count -gt 0) {
        $names = ($byName | ForEach-Object { $_.Name }) -join ', '
        [pscustomobject]@{ Name = 'System.Management.Automation.PSObject'
            Description = "You can pipe objects (Import-Csv rows, Get-MgUser or Get-ADUser output) whose properties are named $names or one of their aliases." }
    }
    if ($byValue.Count -eq 0 -and $byName.Count -eq 0) {
        [pscustomobject]@{ Name = 'None'; Description = 'You cannot pipe objects to this cmdlet.' }
    }
}

# Related commands: the markdown's RELATED LINKS section (one name per line), else the cmdlets that share the noun.
function Get-RelatedCommands([string] $Name, $Doc) {
    $listed = @($Doc.Sections['RELATED LINKS'] | ForEach-Object { ($_ -replace '^\s*-\s*', '' -replace '\[([^\]]+)\]\([^)]*\)', '$1').Trim() } |
        Where-Object { $_ })
    if ($listed.Count -gt 0) { return $listed }
    $noun = ($Name -split '-', 2)[1]
    @($module.ExportedCmdlets.Keys | Where-Object { $_ -ne $Name -and ($_ -split '-', 2)[1] -eq $noun } | Sort-Object) + 'about_ModeScim'
}

function Write-Link($Writer, [string] $Text, [string] $Uri) {
    $Writer.WriteStartElement('maml', 'navigationLink', $script:Maml)
    $Writer.WriteElementString('maml', 'linkText', $script:Maml, $Text)
    $Writer.WriteElementString('maml', 'uri', $script:Maml, $Uri)
    $Writer.WriteEndElement()
}

$script:Maml = 'http://schemas.microsoft.com/maml/2004/10'
$script:Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:Dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$null = New-Item -ItemType Directory -Path $OutPath -Force
$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$writer = [System.Xml.XmlWriter]::Create((Join-Path $OutPath 'ModeScim.PowerShell.dll-Help.xml'), $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
$missing = New-Object System.Collections.Generic.List[string]
foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    $markdown = Join-Path $DocsPath "$name.md"
    if (-not (Test-Path $markdown)) { $missing.Add($name); continue }
    $doc = Read-HelpMarkdown $markdown
    $cmdlet = Get-Command $name -Module $module.Name
    $writer.WriteStartElement('command', 'command', $script:Command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $script:Maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $script:Dev)
    $writer.WriteStartElement('command', 'details', $script:Command)
    $writer.WriteElementString('command', 'name', $script:Command, $name)
    $writer.WriteElementString('command', 'verb', $script:Command, $cmdlet.Verb)
    $writer.WriteElementString('command', 'noun', $script:Command, $cmdlet.Noun)
    Write-Paragraphs $writer 'description' (Split-Paragraphs $doc.Sections['SYNOPSIS'])
    $writer.WriteEndElement()
    Write-Paragraphs $writer 'description' (Split-Paragraphs $doc.Sections['DESCRIPTION'])

    $writer.WriteStartElement('command', 'syntax', $script:Command)
    foreach ($set in $cmdlet.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $script:Command)
        $writer.WriteElementString('maml', 'name', $script:Maml, $name)
        foreach ($setParameter in $set.Parameters | Where-Object { $commonParameters -notcontains $_.Name }) {
            Write-Parameter $writer $cmdlet.Parameters[$setParameter.Name] $setParameter $doc.Parameters[$setParameter.Name]
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $script:Command)
    foreach ($parameter in $cmdlet.Parameters.Values | Where-Object { $commonParameters -notcontains $_.Name }) {
        $firstSet = $cmdlet.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $parameter.Name | Select-Object -First 1
        Write-Parameter $writer $parameter $firstSet $doc.Parameters[$parameter.Name]
    }
    $writer.WriteEndElement()

    # INPUTS from the parameters that take pipeline input, so they always match the code.
    $writer.WriteStartElement('command', 'inputTypes', $script:Command)
    foreach ($input in (Get-InputTypes $cmdlet)) {
        $writer.WriteStartElement('command', 'inputType', $script:Command)
        $writer.WriteStartElement('dev', 'type', $script:Dev)
        $writer.WriteElementString('maml', 'name', $script:Maml, $input.Name)
        $writer.WriteEndElement()
        Write-Paragraphs $writer 'description' @($input.Description)
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # OUTPUTS from [OutputType], described by the markdown's OUTPUTS section where it has one.
    $writer.WriteStartElement('command', 'returnValues', $script:Command)
    $outputs = @($cmdlet.OutputType | ForEach-Object { $_.Type.FullName } | Where-Object { $_ })
    if ($outputs.Count -eq 0) { $outputs = @('None') }
    $outputText = Split-Paragraphs @($doc.Sections['OUTPUTS'] | Where-Object { $_ -notmatch '^###\s' })
    foreach ($type in $outputs) {
        $writer.WriteStartElement('command', 'returnValue', $script:Command)
        $writer.WriteStartElement('dev', 'type', $script:Dev)
        $writer.WriteElementString('maml', 'name', $script:Maml, $type)
        $writer.WriteEndElement()
        Write-Paragraphs $writer 'description' $(if ($type -eq 'None') { @('This cmdlet returns no output.') } else { $outputText })
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    if ($doc.Sections['NOTES']) {
        $writer.WriteStartElement('maml', 'alertSet', $script:Maml)
        $writer.WriteStartElement('maml', 'alert', $script:Maml)
        foreach ($paragraph in (Split-Paragraphs $doc.Sections['NOTES'])) { $writer.WriteElementString('maml', 'para', $script:Maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('command', 'examples', $script:Command)
    foreach ($example in $doc.Examples) {
        $parts = Get-ExampleParts $example.Lines
        $writer.WriteStartElement('command', 'example', $script:Command)
        $writer.WriteElementString('maml', 'title', $script:Maml, "-------------------------- $($example.Title) --------------------------")
        $writer.WriteElementString('dev', 'code', $script:Dev, $parts.Code)
        $writer.WriteStartElement('dev', 'remarks', $script:Dev)
        foreach ($paragraph in $parts.Remarks) { $writer.WriteElementString('maml', 'para', $script:Maml, $paragraph) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # Names only, no addresses: the project has no public home, so Get-Help -Online says the topic has no URI
    # instead of opening a page that does not exist. Get-Help <name> follows each of these.
    $writer.WriteStartElement('maml', 'relatedLinks', $script:Maml)
    foreach ($related in (Get-RelatedCommands $name $doc)) { Write-Link $writer $related '' }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

# about topics: plain text, wrapped as Get-Help shows them.
foreach ($about in Get-ChildItem -Path $DocsPath -Filter 'about_*.md') {
    $text = (Get-Content -LiteralPath $about.FullName -Encoding UTF8 | ForEach-Object { ConvertFrom-Inline $_ } | ForEach-Object { $_ -replace '^#+\s*', '' }) -join [Environment]::NewLine
    Set-Content -LiteralPath (Join-Path $OutPath ($about.BaseName + '.help.txt')) -Value $text -Encoding UTF8
}

if ($missing.Count -gt 0) {
    throw "No help markdown for: $($missing -join ', '). Add docs/en-US/<cmdlet>.md."
}
