// The one entry point bundled into graph-libs.min.js (see ../README.md for how to rebuild).
// It exposes the libraries the graph view needs as one global, ActorGraphLibs.
import Graph from "graphology";
import Sigma from "sigma";
import {
  EdgeArrowHeadProgram,
  EdgeArrowProgram,
  EdgeClampedProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
  createEdgeCompoundProgram,
  getAttributesItemsCount,
} from "sigma/rendering";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { circular, random } from "graphology-layout";
import { toBlob } from "@sigma/export-image";

window.ActorGraphLibs = {
  Graph,
  Sigma,
  EdgeArrowProgram,
  EdgeRectangleProgram,
  // the pieces the view rebuilds without instancing for software WebGL (see graphview.js)
  programs: {
    NodeCircleProgram,
    EdgeRectangleProgram,
    EdgeClampedProgram,
    EdgeArrowHeadProgram,
    createEdgeCompoundProgram,
    getAttributesItemsCount,
  },
  forceAtlas2,
  FA2Layout,
  layouts: { circular, random },
  exportImage: { toBlob },
};
