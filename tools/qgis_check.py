#!/usr/bin/env python3
"""Open catchment's output layers in QGIS, headless, each with its shipped
style, the way QGIS renders them, and report what a planner would see.

usage: qgis_check.py [--png OUT.png] LAYER=STYLE.qml [LAYER=STYLE.qml ...]

Prints one JSON object: for each layer its validity, feature count, geometry
type, field types, and the number of features that fall in each class of its
style (categorized: by category value; rule-based: by rule label), counted
through the renderer itself (startRender + legendKeysForFeature), so an
expression that works in the expression builder but not while rendering is
caught. With --png, renders all layers together to a PNG.

Needs Debian's qgis and python3-qgis (QGIS 3.22 on bookworm). Runs with
QT_QPA_PLATFORM=offscreen.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")

from qgis.core import (  # noqa: E402
    QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererSequentialJob,
    QgsMapSettings, QgsRenderContext, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize  # noqa: E402
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
        __import__("qgis.core", fromlist=["QgsExpressionContextUtils"])
        .QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    labels = {}
    for item in renderer.legendSymbolItems():
        labels[item.ruleKey()] = item.label()
    renderer.startRender(ctx, layer.fields())
    counts = {}
    for f in layer.getFeatures():
        ctx.expressionContext().setFeature(f)
        keys = renderer.legendKeysForFeature(f, ctx)
        if not keys:
            counts["(not drawn)"] = counts.get("(not drawn)", 0) + 1
        for k in keys:
            name = labels.get(k, k)
            counts[name] = counts.get(name, 0) + 1
    renderer.stopRender(ctx)
    return counts


def main(argv):
    png = None
    pairs = []
    i = 0
    while i < len(argv):
        if argv[i] == "--png":
            png = argv[i + 1]
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
    out = {"qgis_version": __import__("qgis.core", fromlist=["Qgis"]).Qgis.QGIS_VERSION, "layers": {}}
    layers = []
    for path, style in pairs:
        layer = QgsVectorLayer(path, os.path.basename(path), "ogr")
        info = {"valid": layer.isValid()}
        if layer.isValid():
            if style:
                msg, ok = layer.loadNamedStyle(style)
                info["style_loaded"] = bool(ok)
                info["style_message"] = msg
            info["features"] = layer.featureCount()
            info["geometry"] = QgsWkbTypes.displayString(layer.wkbType())
            info["fields"] = {f.name(): f.typeName() for f in layer.fields()}
            info["renderer"] = layer.renderer().type()
            info["classes"] = classes(layer)
            layers.append(layer)
        out["layers"][path] = info
    if png and layers:
        settings = QgsMapSettings()
        settings.setLayers(list(reversed(layers)))
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        extent = layers[0].extent()
        for layer in layers[1:]:
            extent.combineExtentWith(layer.extent())
        settings.setExtent(extent.buffered(extent.width() * 0.02))
        settings.setOutputSize(QSize(800, 800))
        settings.setBackgroundColor(QColor(255, 255, 255))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        job.renderedImage().save(png, "png")
        out["png"] = png
    print(json.dumps(out, indent=1, ensure_ascii=False))
    sys.stdout.flush()
    # QGIS 3.22 can crash in exitQgis() while layers are alive (a known
    # teardown-order problem); everything is written, so leave at once.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
