# Writes the cmdlet pages (TallyfyHelp.CommandPage objects from Markdown.psm1) as one MAML file,
# the XML that Get-Help reads for a binary module (<Module>.dll-Help.xml).
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Markdown.psm1')

$script:NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$script:NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:NsMSHelp = 'http://msdn.microsoft.com/mshelp'

# -WhatIf and -Confirm appear in the syntax (as Get-Command -Syntax prints it) but have no page entry:
# their syntax parameters are written from here (splatted into Write-MamlParameter).
$script:RiskParameters = @{
    WhatIf = @{
        Name = 'WhatIf'; Description = @('Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is sent.')
        TypeName = 'SwitchParameter'; Required = $false; Position = 'Named'; Pipeline = 'False'; Globbing = $false; Aliases = @('wi'); Default = 'False'
    }
    Confirm = @{
        Name = 'Confirm'; Description = @('Prompts you for confirmation before running the cmdlet.')
        TypeName = 'SwitchParameter'; Required = $false; Position = 'Named'; Pipeline = 'False'; Globbing = $false; Aliases = @('cf'); Default = 'False'
    }
}

function Write-MamlPara {
    # <maml:para> per paragraph; one empty <maml:para> when there is none (Get-Help expects one).
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $any = $false
    foreach ($p in $Paragraphs) {
        $Writer.WriteElementString('para', $script:NsMaml, $p)
        $any = $true
    }
    if (-not $any) { $Writer.WriteElementString('para', $script:NsMaml, '') }
}

function Write-MamlDescription {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $script:NsMaml)
    Write-MamlPara -Writer $Writer -Paragraphs $Paragraphs
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    # One <command:parameter>, in a syntax item or in the parameter list. ValueText is the <value> shown in the syntax.
    param(
        [System.Xml.XmlWriter] $Writer,
        [string] $Name, [string[]] $Description, [string] $TypeName, [string] $ValueText,
        [bool] $Required, [string] $Position, [string] $Pipeline, [bool] $Globbing, [string[]] $Aliases, [string] $Default
    )
    $Writer.WriteStartElement('command', 'parameter', $script:NsCommand)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ($TypeName -like '*`[`]').ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Pipeline)
    $Writer.WriteAttributeString('position', $(if ($Position -eq 'Named') { 'named' } else { $Position }))
    $Writer.WriteAttributeString('aliases', $(if ($Aliases.Count -gt 0) { $Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $script:NsMaml, $Name)
    Write-MamlDescription -Writer $Writer -Paragraphs $Description
    if ($TypeName -ne 'SwitchParameter') {
        $Writer.WriteStartElement('command', 'parameterValue', $script:NsCommand)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($ValueText)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:NsDev)
    $Writer.WriteElementString('name', $script:NsMaml, $TypeName)
    $Writer.WriteElementString('uri', $script:NsMaml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $script:NsDev, $(if ($Default) { $Default } else { 'None' }))
    $Writer.WriteEndElement()
}

function Write-MamlDetail {
    # <command:details> (name, verb, noun, synopsis) and the description.
    param([System.Xml.XmlWriter] $Writer, $Page)
    $verb, $noun = $Page.Name -split '-', 2
    $Writer.WriteStartElement('command', 'details', $script:NsCommand)
    $Writer.WriteElementString('name', $script:NsCommand, $Page.Name)
    $Writer.WriteElementString('verb', $script:NsCommand, $verb)
    $Writer.WriteElementString('noun', $script:NsCommand, $noun)
    Write-MamlDescription -Writer $Writer -Paragraphs @($Page.Synopsis)
    $Writer.WriteEndElement()
    Write-MamlDescription -Writer $Writer -Paragraphs $Page.Description
}

function Write-MamlSyntax {
    # One <command:syntaxItem> per syntax block, its parameters in the block's order, typed from the yaml entry for that set.
    param([System.Xml.XmlWriter] $Writer, $Page)
    $Writer.WriteStartElement('command', 'syntax', $script:NsCommand)
    foreach ($set in $Page.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:NsCommand)
        $Writer.WriteElementString('name', $script:NsMaml, $Page.Name)
        foreach ($sp in (Get-SyntaxParameter $set.Text)) {
            if ($script:RiskParameters.ContainsKey($sp.Name)) {
                $risk = $script:RiskParameters[$sp.Name]
                Write-MamlParameter -Writer $Writer @risk
                continue
            }
            $p = @($Page.Parameters | Where-Object { $_.Name -eq $sp.Name })
            if ($p.Count -eq 0) { throw "$($Page.File): the syntax of set '$($set.Name)' names -$($sp.Name), which has no entry under '## PARAMETERS'." }
            $e = Get-ParameterEntry $p[0] $set.Name
            if ($null -eq $e -and $Page.Syntax.Count -eq 1) { $e = $p[0].Entries[0] }
            if ($null -eq $e) { throw "$($Page.File): no yaml block of -$($sp.Name) lists the parameter set '$($set.Name)'." }
            $parameter = @{
                Name = $sp.Name; Description = $p[0].Description; TypeName = $e.Type
                ValueText = $(if ($sp.Value) { $sp.Value } else { $e.Type })
                Required = $e.Required; Position = $e.Position; Pipeline = $e.Pipeline; Globbing = $e.Wildcard; Aliases = $e.Aliases; Default = $e.Default
            }
            Write-MamlParameter -Writer $Writer @parameter
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlParameterList {
    # <command:parameters>: each parameter once, summed up over its yaml entries.
    param([System.Xml.XmlWriter] $Writer, $Page)
    $Writer.WriteStartElement('command', 'parameters', $script:NsCommand)
    foreach ($p in $Page.Parameters) {
        $e = $p.Entries[0]
        # Required only when required in every set; a position only when the same in every set; pipeline input when any set takes it.
        $required = @($p.Entries | Where-Object { $_.Required }).Count -gt 0 -and @($p.Entries | Where-Object { -not $_.Required }).Count -eq 0
        $position = $e.Position
        $pipeline = $e.Pipeline
        foreach ($other in $p.Entries) {
            if ($other.Position -ne $position) { $position = 'Named' }
            if ($other.Pipeline -ne 'False' -and $pipeline -eq 'False') { $pipeline = $other.Pipeline }
        }
        $parameter = @{
            Name = $p.Name; Description = $p.Description; TypeName = $e.Type; ValueText = $e.Type
            Required = $required; Position = $position; Pipeline = $pipeline; Globbing = $e.Wildcard; Aliases = $e.Aliases; Default = $e.Default
        }
        Write-MamlParameter -Writer $Writer @parameter
    }
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    # <command:inputTypes> or <command:returnValues>: a type name and a description each.
    param([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Types)
    $Writer.WriteStartElement('command', $ListElement, $script:NsCommand)
    foreach ($t in $Types) {
        $Writer.WriteStartElement('command', $ItemElement, $script:NsCommand)
        $Writer.WriteStartElement('dev', 'type', $script:NsDev)
        $Writer.WriteElementString('name', $script:NsMaml, $t.Type)
        $Writer.WriteEndElement()
        Write-MamlDescription -Writer $Writer -Paragraphs $t.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlExample {
    param([System.Xml.XmlWriter] $Writer, $Page)
    $Writer.WriteStartElement('command', 'examples', $script:NsCommand)
    foreach ($x in $Page.Examples) {
        $Writer.WriteStartElement('command', 'example', $script:NsCommand)
        $Writer.WriteElementString('title', $script:NsMaml, "-------------------------- $($x.Title) --------------------------")
        $Writer.WriteElementString('code', $script:NsDev, $x.Code)
        $Writer.WriteStartElement('dev', 'remarks', $script:NsDev)
        Write-MamlPara -Writer $Writer -Paragraphs $x.Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlLink {
    # <maml:relatedLinks>. Get-Help -Online opens the first link that has a <maml:uri>, so only the page's
    # 'online version:' gets one; the address of any other link goes into its text.
    param([System.Xml.XmlWriter] $Writer, $Page)
    $Writer.WriteStartElement('maml', 'relatedLinks', $script:NsMaml)
    $links = @()
    if (Test-HttpUri $Page.OnlineVersion) { $links += [pscustomobject]@{ Text = 'Online Version:'; Uri = $Page.OnlineVersion } }
    foreach ($l in $Page.Links) {
        $text = if ($l.Uri -and $l.Uri -ne $l.Text) { "$($l.Text) ($($l.Uri))" } else { $l.Text }
        $links += [pscustomobject]@{ Text = $text; Uri = '' }
    }
    foreach ($l in $links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:NsMaml)
        $Writer.WriteElementString('linkText', $script:NsMaml, $l.Text)
        $Writer.WriteElementString('uri', $script:NsMaml, $l.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    # One <command:command>, in the element order Get-Help expects.
    param([System.Xml.XmlWriter] $Writer, $Page)
    $Writer.WriteStartElement('command', 'command', $script:NsCommand)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $script:NsMaml)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $script:NsCommand)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $script:NsDev)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', $null, $script:NsMSHelp)
    Write-MamlDetail -Writer $Writer -Page $Page
    Write-MamlSyntax -Writer $Writer -Page $Page
    Write-MamlParameterList -Writer $Writer -Page $Page
    Write-MamlTypeList -Writer $Writer -ListElement 'inputTypes' -ItemElement 'inputType' -Types $Page.Inputs
    Write-MamlTypeList -Writer $Writer -ListElement 'returnValues' -ItemElement 'returnValue' -Types $Page.Outputs
    $Writer.WriteStartElement('maml', 'alertSet', $script:NsMaml)
    $Writer.WriteStartElement('maml', 'alert', $script:NsMaml)
    Write-MamlPara -Writer $Writer -Paragraphs $Page.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
    Write-MamlExample -Writer $Writer -Page $Page
    Write-MamlLink -Writer $Writer -Page $Page
    $Writer.WriteEndElement()
}

function Write-MamlHelp {
    <#
    .SYNOPSIS
        Writes cmdlet pages (TallyfyHelp.CommandPage) to one MAML help file, UTF-8 without a BOM.
    .DESCRIPTION
        One <command:command> per page, in the order given. Throws when a syntax block names a
        parameter that has no entry (Test-PageAgainstModule reports that earlier, with the module's
        view), and when the file written is not well-formed XML.
    .EXAMPLE
        Write-MamlHelp -Pages $pages -Path out/TallyfyPS/0.1.0/en-US/TallyfyPS.dll-Help.xml
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [object[]] $Pages, [Parameter(Mandatory = $true)] [string] $Path)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
    $settings.CheckCharacters = $true
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($p in $Pages) { Write-MamlCommand -Writer $w -Page $p }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally {
        $w.Close()
    }
    $null = [xml][System.IO.File]::ReadAllText($Path) # well-formed, or this throws
}

Export-ModuleMember -Function Write-MamlHelp
