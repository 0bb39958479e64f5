#!/usr/bin/env python3
"""Open catchment's output layers in QGIS, headless, each with its shipped
style, the way QGIS renders them, and report what a planner would see.

usage: qgis_check.py [--png OUT.png] [--dpi DPI] LAYER[=STYLE.qml] ...

Prints one JSON object: for each layer its validity, feature count, geometry
type, field types (as the provider names them, "fields", and as QGIS holds
them, "variant_types": bool, int, qlonglong, double, QString), and, for a
layer with a style, the number of features that fall in each class of the
style (categorized: by category label; rule-based: by rule label; single
symbol: "single symbol"; "(not drawn)" for features no class draws),
counted through the renderer itself (startRender + legendKeysForFeature),
so an expression that works in the expression builder but not while
rendering is caught. A LAYER without =STYLE is opened with its default
look (a CSV table: its .csvt gives the field types) and not drawn. With
--png, renders the styled layers together to a PNG of 1200 x 1200 pixels at DPI (default
200, so that lines of a point or less are whole pixels wide); LAYERs are
drawn in the order given, the first at the bottom.

Needs Debian's qgis and python3-qgis (QGIS 3.22 on bookworm). Runs with
QT_QPA_PLATFORM=offscreen.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")

from qgis.core import (  # noqa: E402
    Qgis, QgsApplication, QgsCoordinateReferenceSystem, QgsExpressionContextUtils,
    QgsMapRendererSequentialJob, QgsMapSettings, QgsRenderContext, QgsVectorLayer,
    QgsWkbTypes)
from qgis.PyQt.QtCore import QSize, QVariant  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def classes(layer):
    """Features per legend class as the renderer assigns them."""
    renderer = layer.renderer()
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(400, 400))
    ctx = QgsRenderContext.fromMapSettings(settings)
    ctx.expressionContext().appendScopes(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    labels = {}
    for item in renderer.legendSymbolItems():
        labels[item.ruleKey()] = item.label() or "single symbol"
    renderer.startRender(ctx, layer.fields())
    counts = {}
    for f in layer.getFeatures():
        ctx.expressionContext().setFeature(f)
        # A rule renderer also names its (unlabelled) root rule: only the
        # legend's classes count.
        keys = [k for k in renderer.legendKeysForFeature(f, ctx) if k in labels]
        if not keys:
            counts["(not drawn)"] = counts.get("(not drawn)", 0) + 1
        for k in keys:
            counts[labels[k]] = counts.get(labels[k], 0) + 1
    renderer.stopRender(ctx)
    return counts


def describe(path, style):
    """Open one layer (with its style) and say what QGIS makes of it."""
    layer = QgsVectorLayer(path, os.path.basename(path), "ogr")
    info = {"valid": layer.isValid()}
    if not layer.isValid():
        return None, info
    if style:
        msg, ok = layer.loadNamedStyle(style)
        info["style_loaded"] = bool(ok)
        info["style_message"] = msg
    info["features"] = layer.featureCount()
    info["geometry"] = QgsWkbTypes.displayString(layer.wkbType())
    info["fields"] = {f.name(): f.typeName() for f in layer.fields()}
    info["variant_types"] = {f.name(): QVariant.typeToName(f.type()) for f in layer.fields()}
    if layer.isSpatial() and layer.renderer() is not None:
        info["renderer"] = layer.renderer().type()
        if style:
            info["classes"] = classes(layer)
    return layer, info


def render(layers, png, dpi):
    """Draw the layers, the first at the bottom, to a PNG."""
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    extent = layers[0].extent()
    for layer in layers[1:]:
        extent.combineExtentWith(layer.extent())
    settings.setExtent(extent.buffered(extent.width() * 0.02))
    settings.setOutputSize(QSize(1200, 1200))
    settings.setOutputDpi(dpi)
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(png, "png")


def main(argv):
    png, dpi = None, 200
    pairs = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--png", "--dpi"):
            if argv[i] == "--png":
                png = argv[i + 1]
            else:
                dpi = int(argv[i + 1])
            i += 2
            continue
        path, _, style = argv[i].partition("=")
        pairs.append((path, style))
        i += 1
    if not pairs:
        sys.exit(__doc__)
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    out = {"qgis_version": Qgis.QGIS_VERSION, "layers": {}}
    drawn = []
    for path, style in pairs:
        layer, info = describe(path, style)
        out["layers"][path] = info
        if layer is not None and layer.isSpatial() and style:
            drawn.append(layer)
    if png and drawn:
        render(drawn, png, dpi)
        out["png"] = png
    print(json.dumps(out, indent=1, ensure_ascii=False))
    sys.stdout.flush()
    # QGIS 3.22 can crash in exitQgis() while layers are alive (a known
    # teardown-order problem); everything is written, so leave at once.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
